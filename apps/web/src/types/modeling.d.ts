// The bpmn.io packages the modeler pages use that ship no type declarations.
declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = { [name: string]: unknown };
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const ZeebePropertiesProviderModule: ModuleDeclaration;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: { [name: string]: unknown };
  export default module;
}
declare module 'dmn-js/lib/Modeler' {
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; common?: object; drd?: object; decisionTable?: object });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): { type: string; element: { id: string } }[];
    open(view: { type: string; element: { id: string } }): Promise<unknown>;
    getActiveView(): { type: string; element: { id: string } } | undefined;
    getActiveViewer(): { get<T>(name: string): T } | undefined;
    on(event: string, callback: (event: unknown) => void): void;
    destroy(): void;
  }
}
