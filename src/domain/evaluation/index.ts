/** Indicator evaluation engine (issue 5): pure functions, no I/O, no clock — the period is an argument. */
export * from './compile.ts';
export * from './config.ts';
export { type Cell, CODE, type Judge, type Note, type PeriodFacts } from './core.ts';
export * from './direction.ts';
export * from './evaluate.ts';
export { fmt } from './reason.ts';
export * from './relative.ts';
export * from './rollup.ts';
export { cagr, limitFactor, meetsBound, requiredRate } from './rules.ts';
export * from './types.ts';
