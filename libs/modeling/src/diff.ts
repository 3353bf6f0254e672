import type { ModdleElement } from './moddle.js';
import { parseBpmn } from './parse.js';

export interface ElementChange {
  elementId: string;
  type: string;
  name?: string;
  /** For a changed element: the properties that differ, with both values. */
  changes?: { property: string; before: unknown; after: unknown }[];
}

export interface ModelDiff {
  added: ElementChange[];
  removed: ElementChange[];
  changed: ElementChange[];
}

/** What an element means to an administrator comparing versions; layout (DI) is left out. */
type ElementSummary = { type: string; name?: string; properties: Record<string, unknown> };

const REFERENCES = ['sourceRef', 'targetRef', 'attachedToRef', 'default'] as const;

const SKIPPED = new Set(['id', 'name', 'flowElements', 'incoming', 'outgoing', 'laneSets', 'di', 'extensionElements', 'documentation']);

/** A moddle value as plain data: references become the referenced ids, element types are kept. */
function plain(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => plain(item, depth));
  if (value === null || typeof value !== 'object') return value;
  const element = value as ModdleElement;
  // References to other elements (sourceRef, attachedToRef, ...) compare by id.
  if (depth > 0 && typeof element.id === 'string') return element.id;
  const result: Record<string, unknown> = {};
  if (typeof element.$type === 'string') result.$type = element.$type;
  for (const [key, item] of Object.entries(element)) {
    if (key.startsWith('$') || (depth === 0 && SKIPPED.has(key)) || item === undefined) continue;
    result[key] = plain(item, depth + 1);
  }
  return result;
}

function summaries(definitions: ModdleElement): Map<string, ElementSummary> {
  const found = new Map<string, ElementSummary>();
  const visit = (container: ModdleElement, parentId: string) => {
    for (const element of (container.flowElements as ModdleElement[] | undefined) ?? []) {
      const properties = plain(element) as Record<string, unknown>;
      delete properties.$type;
      // moddle keeps resolved references out of the element's own enumerable keys.
      for (const reference of REFERENCES) {
        const target = element[reference] as ModdleElement | undefined;
        if (target) properties[reference] = target.id;
      }
      properties.parent = parentId;
      const extensions = (element.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined;
      if (extensions?.length) properties.extensions = extensions.map((extension) => plain(extension));
      found.set(String(element.id), { type: String(element.$type).replace(/^bpmn:/, ''), ...(element.name ? { name: String(element.name) } : {}), properties });
      visit(element, String(element.id));
    }
  };
  for (const root of (definitions.rootElements as ModdleElement[] | undefined) ?? []) {
    if (root.$type === 'bpmn:Process') visit(root, String(root.id));
  }
  return found;
}

/** Elements added, removed and changed between two versions of a model, by element id. */
export async function diffBpmn(beforeXml: string, afterXml: string): Promise<ModelDiff> {
  const [before, after] = await Promise.all([parseBpmn(beforeXml), parseBpmn(afterXml)]).then((results) => results.map((result) => summaries(result.rootElement)));
  const describe = (elementId: string, summary: ElementSummary): ElementChange => ({ elementId, type: summary.type, ...(summary.name ? { name: summary.name } : {}) });
  const diff: ModelDiff = { added: [], removed: [], changed: [] };
  for (const [elementId, summary] of after) if (!before.has(elementId)) diff.added.push(describe(elementId, summary));
  for (const [elementId, summary] of before) if (!after.has(elementId)) diff.removed.push(describe(elementId, summary));
  for (const [elementId, newer] of after) {
    const older = before.get(elementId);
    if (!older) continue;
    const changes: { property: string; before: unknown; after: unknown }[] = [];
    if (older.type !== newer.type) changes.push({ property: 'type', before: older.type, after: newer.type });
    if (older.name !== newer.name) changes.push({ property: 'name', before: older.name ?? null, after: newer.name ?? null });
    for (const property of new Set([...Object.keys(older.properties), ...Object.keys(newer.properties)])) {
      const was = older.properties[property];
      const is = newer.properties[property];
      if (JSON.stringify(was) !== JSON.stringify(is)) changes.push({ property, before: was ?? null, after: is ?? null });
    }
    if (changes.length > 0) diff.changed.push({ ...describe(elementId, newer), changes });
  }
  return diff;
}
