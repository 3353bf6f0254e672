import { describe, expect, it } from 'vitest';
import { diffAnnotations, heatAnnotations, shortDuration } from './model-annotations';

describe('diffAnnotations', () => {
  it('shows removed elements on the older diagram, added ones on the newer, changed ones on both', () => {
    const { before, after } = diffAnnotations({ added: [{ elementId: 'new' }], removed: [{ elementId: 'old' }], changed: [{ elementId: 'task' }] });
    expect(before.markers).toEqual({ task: ['diff-changed'], old: ['diff-removed'] });
    expect(after.markers).toEqual({ task: ['diff-changed'], new: ['diff-added'] });
  });
});

describe('heatAnnotations', () => {
  it('colours elements by their median relative to the slowest and writes the median on them', () => {
    const heat = heatAnnotations({
      elements: [
        { elementId: 'slow', completed: 4, medianMs: 10 * 86_400_000 },
        { elementId: 'middle', completed: 4, medianMs: 5 * 86_400_000 },
        { elementId: 'fast', completed: 9, medianMs: 120 },
        { elementId: 'never', completed: 0, medianMs: 0 },
      ],
    });
    expect(heat.markers).toEqual({ slow: ['heat-4'], middle: ['heat-2'], fast: ['heat-0'] });
    expect(heat.overlays).toEqual([
      { elementId: 'slow', text: '10 d' },
      { elementId: 'middle', text: '5 d' },
      { elementId: 'fast', text: '120 ms' },
    ]);
  });

  it('has nothing to colour before anything completed', () => {
    expect(heatAnnotations({ elements: [] })).toEqual({ markers: {}, overlays: [] });
  });
});

describe('shortDuration', () => {
  it('picks the unit that keeps the number short', () => {
    expect([999, 42_000, 600_000, 7_200_000].map(shortDuration)).toEqual(['999 ms', '42 s', '10 min', '2 h']);
  });
});
