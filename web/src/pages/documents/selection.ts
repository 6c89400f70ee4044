/**
 * Offsets into a document's normalised text from a browser selection in the reader. Every run of text
 * the reader renders carries `data-start` (its offset in the text) and holds exactly the characters of
 * the text from there, so a point's offset is its run's start plus the characters before it in the run.
 */
export function selectionOffsets(
  selection: Selection | null,
  container: Element,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const a = pointOffset(range.startContainer, range.startOffset);
  const b = pointOffset(range.endContainer, range.endOffset);
  if (a === null || b === null || b <= a) return null;
  return { start: a, end: b };
}

function pointOffset(node: Node, offset: number): number | null {
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest('[data-start]');
  if (!el) return null;
  const before = document.createRange();
  before.setStart(el, 0);
  before.setEnd(node, offset);
  return Number(el.getAttribute('data-start')) + before.toString().length;
}
