import type { ModdleElement } from './moddle.js';
import { parseBpmn } from './parse.js';

/** The name of every flow element of a model by id, nested sub-processes included. */
export async function elementNames(xml: string): Promise<Map<string, string>> {
  const { rootElement } = await parseBpmn(xml);
  const names = new Map<string, string>();
  const visit = (container: ModdleElement) => {
    for (const element of (container.flowElements as ModdleElement[] | undefined) ?? []) {
      if (element.name) names.set(String(element.id), String(element.name));
      visit(element);
    }
  };
  for (const root of (rootElement.rootElements as ModdleElement[] | undefined) ?? []) {
    if (root.$type === 'bpmn:Process') {
      if (root.name) names.set(String(root.id), String(root.name));
      visit(root);
    }
  }
  return names;
}
