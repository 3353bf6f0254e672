// dmn-moddle ships no type declarations; this covers the one call the parser makes.
declare module 'dmn-moddle' {
  export interface ModdleElement {
    $type: string;
    [property: string]: unknown;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: { message: string }[];
  }

  export class DmnModdle {
    fromXML(xml: string): Promise<ParseResult>;
  }
}
