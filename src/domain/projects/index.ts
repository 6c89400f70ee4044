/** Project pipeline domain (issue 6): pure functions, no I/O, no clock — `today` is an argument. */
export * from './approvals.ts';
export * from './cadence.ts';
export * from './identifiers.ts';
export * from './kpi.ts';
export * from './lifecycle.ts';
export * from './messages.ts';
export * from './monthly-report.ts';
export * from './problems.ts';
export * from './rubric.ts';
export * from './scoring.ts';
export * from './warning.ts';
