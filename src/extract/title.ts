/**
 * The plan's own title, taken from the lines before the first chapter: the line that names a
 * 规划 … 纲要 and is not the cover letter (关于印发…的通知). Returns null when none fits.
 */
export function guessPlanTitle(text: string, bodyStart = Math.min(text.length, 3000)): string | null {
  const head = text.slice(0, bodyStart);
  const candidates = head
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 6 && l.length <= 80)
    .filter((l) => /规划|纲要/.test(l) && !/^关于|通知$|^《?[^》]*》已经|根据|^第\S+[章节]|[，。；]/.test(l));
  const best = candidates.find((l) => /纲要$/.test(l)) ?? candidates[0];
  if (!best) return null;
  return best
    .replace(/[《》]/g, '')
    .replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])|(?<=\d)\s+(?=[\u4e00-\u9fff])/g, '')
    .trim();
}
