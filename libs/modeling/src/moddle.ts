/** A parsed BPMN/DMN element as moddle builds it; typed loosely because the zeebe extensions have no types. */
export interface ModdleElement {
  readonly $type: string;
  readonly $parent?: ModdleElement;
  readonly id?: string;
  readonly [property: string]: unknown;
}
