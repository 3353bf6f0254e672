export interface TargetGroup {
  code: string;
  name: string;
}

/** The four planning target groups the region plans for. */
export const TARGET_GROUPS: readonly TargetGroup[] = [
  { code: 'deti-mladez-rodina', name: 'Děti, mládež do 26 let a rodina' },
  { code: 'seniori', name: 'Senioři' },
  { code: 'osoby-se-zdravotnim-postizenim', name: 'Osoby se zdravotním postižením' },
  { code: 'osoby-ohrozene-vyloucenim-a-v-krizi', name: 'Osoby ohrožené sociálním vyloučením a osoby v krizi' },
];

export const TARGET_GROUP_CODES: readonly string[] = TARGET_GROUPS.map((group) => group.code);
