/** Hit policies as written in the DMN XML `hitPolicy` attribute. */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

/** COLLECT aggregations as written in the `aggregation` attribute. */
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTableInput {
  id: string;
  /** What Zeebe reports as the evaluated input's name: the label, else the expression cut to 30 characters. */
  name: string;
  expression: string;
}

export interface DecisionTableOutput {
  id: string;
  /** The key of the output in a multi-output result; may be empty for a single output. */
  name: string;
  /** Zeebe reports an evaluated output under its label when there is one, as the Modeler shows it. */
  label: string | null;
  /** The `outputValues` unary tests as written, which order PRIORITY and OUTPUT ORDER. */
  outputValues: string | null;
}

export interface DecisionRule {
  id: string;
  /** One unary-tests text per input; '' or '-' matches anything. */
  inputEntries: string[];
  /** One FEEL expression per output; '' yields null. */
  outputEntries: string[];
}

export interface DecisionTable {
  type: 'DECISION_TABLE';
  hitPolicy: HitPolicy;
  aggregation: Aggregation | null;
  inputs: DecisionTableInput[];
  outputs: DecisionTableOutput[];
  rules: DecisionRule[];
}

export interface LiteralExpression {
  type: 'LITERAL_EXPRESSION';
  expression: string;
}

export interface Decision {
  id: string;
  name: string;
  /**
   * The name under which dependent decisions see this decision's result: the decision's
   * `variable` name, else its id (dmn-scala's rule, which Zeebe uses).
   */
  resultName: string;
  /** The `variable` typeRef; dmn-scala fails the decision when its result has another type. */
  resultType: string | null;
  logic: DecisionTable | LiteralExpression;
  /** Ids of the decisions this one requires, in document order. */
  requiredDecisionIds: string[];
}

/** A parsed DMN resource: Zeebe's decision requirements graph (DRG). */
export interface DecisionRequirements {
  /** The `definitions` id, Zeebe's decisionRequirementsId. */
  id: string;
  name: string;
  namespace: string;
  decisions: Decision[];
}
