import { CAPACITY_UNIT_LABELS, PROVISION_FORM_LABELS } from '@app/domain';
import type { ActionPlanItemView } from './action-plan-report.service.js';

const BOM = '\uFEFF';
const COLUMNS: readonly [string, (item: ActionPlanItemView) => string | number | null][] = [
  ['Pořadí', (item) => item.rank],
  ['ID záměru', (item) => item.intentionId],
  ['Poskytovatel', (item) => item.providerName],
  ['IČO', (item) => item.providerIco],
  ['Druh služby', (item) => `§ ${item.serviceType} ${item.serviceTypeName}`],
  ['Forma poskytování', (item) => PROVISION_FORM_LABELS[item.form]],
  ['Okres', (item) => item.districtName],
  ['ORP', (item) => item.orpName],
  ['Cílové skupiny', (item) => item.targetGroups.map((group) => group.name).join(', ')],
  ['Kapacita', (item) => item.capacity],
  ['Jednotka kapacity', (item) => CAPACITY_UNIT_LABELS[item.capacityUnit]],
  ['Roční náklady (Kč)', (item) => item.yearlyCosts],
  ['Požadovaná dotace (Kč)', (item) => item.requestedSubsidy],
  ['Spolufinancování obcí (Kč)', (item) => item.municipalCofinancing],
  ['Hodnocení okresního týmu', (item) => item.districtScore],
];

/** Numbers as Czech Excel reads them: decimal comma, no thousands separator (which would make them text). */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  // A leading = + - @ would make Excel evaluate the cell as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The intentions of an Action Plan as a file a Czech office opens in Excel with a double
 * click: UTF-8 with a byte order mark (otherwise Excel assumes windows-1250), semicolons
 * (the list separator of Czech Windows), CRLF line ends and Czech headers.
 */
export function actionPlanCsv(items: readonly ActionPlanItemView[]): string {
  const lines = [COLUMNS.map(([header]) => cell(header)), ...items.map((item) => COLUMNS.map(([, value]) => cell(value(item))))];
  return BOM + lines.map((line) => line.join(';')).join('\r\n') + '\r\n';
}
