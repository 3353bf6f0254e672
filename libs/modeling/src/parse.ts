import type { ModdleElement } from './moddle.js';

export interface ParseResult {
  rootElement: ModdleElement;
  warnings: Array<Error & { element?: ModdleElement }>;
}

interface Moddle {
  fromXML(xml: string, typeName?: string): Promise<ParseResult>;
}

// bpmn-moddle ships no declaration for its entry point; a non-literal specifier keeps the
// compiler from demanding one, the interface above states the part used here.
const BPMN_MODDLE = 'bpmn-moddle';

let moddle: Promise<Moddle> | undefined;

async function createModdle(): Promise<Moddle> {
  const { createRequire } = await import('node:module');
  const { BpmnModdle } = (await import(BPMN_MODDLE)) as { BpmnModdle: (packages: object) => Moddle };
  const zeebe = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;
  return BpmnModdle({ zeebe });
}

/**
 * Parses BPMN 2.0 XML with the Zeebe extensions (without them `zeebe:*` elements would stay
 * untyped). Rejects when the XML is not BPMN at all.
 */
export async function parseBpmn(xml: string): Promise<ParseResult> {
  moddle ??= createModdle();
  return (await moddle).fromXML(xml, 'bpmn:Definitions');
}
