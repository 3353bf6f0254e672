// What the readers of a BPMN resource share: moddle elements, the problems found, small helpers.

/** A moddle element: typed loosely because bpmn-moddle's types do not cover the zeebe extensions. */
export interface Node {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly [property: string]: unknown;
}

/** A reason a BPMN resource cannot be deployed; without an element id it concerns the model as a whole. */
export interface BpmnProblem {
  readonly elementId?: string;
  readonly message: string;
}

/** The problems found while reading a resource, by element. */
export class ElementErrors {
  readonly problems: BpmnProblem[] = [];

  add(elementId: string | undefined, message: string): void {
    this.problems.push({ elementId, message });
  }

  general(message: string): void {
    this.add(undefined, message);
  }
}

export function capitalised(text: string): string {
  return text.charAt(0) + text.slice(1).toLowerCase();
}

export function extension(node: Node, type: string): Node | undefined {
  const values = list<Node>((node.extensionElements as Node | undefined)?.values);
  return values.find((value) => value.$type === type);
}

export function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
