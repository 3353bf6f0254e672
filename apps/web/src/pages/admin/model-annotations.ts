import type { DiagramAnnotations } from '../../components/ProcessDiagram';

interface Diff {
  added: readonly { elementId: string }[];
  removed: readonly { elementId: string }[];
  changed: readonly { elementId: string }[];
}

/** The two sides of a version diff: the older diagram shows what was removed, the newer what was added; both show what changed. */
export function diffAnnotations(diff: Diff): { before: DiagramAnnotations; after: DiagramAnnotations } {
  const mark = (entries: readonly { elementId: string }[], marker: string) => Object.fromEntries(entries.map(({ elementId }) => [elementId, [marker]]));
  return {
    before: { markers: { ...mark(diff.changed, 'diff-changed'), ...mark(diff.removed, 'diff-removed') } },
    after: { markers: { ...mark(diff.changed, 'diff-changed'), ...mark(diff.added, 'diff-added') } },
  };
}

interface Figures {
  elements: readonly { elementId: string; completed: number; medianMs: number }[];
}

export const HEAT_LEVELS = 5;

/** A median time said briefly (overlays are small). */
export function shortDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/**
 * The heat map: each element that has completed coloured by its median time relative to
 * the slowest element's (heat-0 fastest .. heat-4 the bottleneck), with the median written on it.
 */
export function heatAnnotations(figures: Figures): DiagramAnnotations {
  const measured = figures.elements.filter((element) => element.completed > 0);
  const slowest = Math.max(0, ...measured.map((element) => element.medianMs));
  const markers: Record<string, string[]> = {};
  for (const element of measured) {
    const level = slowest === 0 ? 0 : Math.min(HEAT_LEVELS - 1, Math.floor((element.medianMs / slowest) * HEAT_LEVELS));
    markers[element.elementId] = [`heat-${level}`];
  }
  return { markers, overlays: measured.map((element) => ({ elementId: element.elementId, text: shortDuration(element.medianMs) })) };
}
