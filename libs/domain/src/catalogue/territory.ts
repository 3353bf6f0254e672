export interface Region {
  id: string;
  name: string;
}

export interface District {
  id: string;
  regionId: string;
  name: string;
}

/** Obec s rozšířenou působností: the level where community planning happens. */
export interface Orp {
  id: string;
  districtId: string;
  name: string;
  population2021: number;
}

/** Stable ids from Czech names, as used in candidate groups (`orp:zidlochovice`). */
export function territoryId(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** South Moravian Region: 7 districts and 21 ORP (each in one district since 2021), population at 31 Dec 2021. */
const JMK_ROWS: readonly { district: string; orp: string; population2021: number }[] = [
  { district: "Blansko", orp: "Blansko", population2021: 56155 },
  { district: "Blansko", orp: "Boskovice", population2021: 51757 },
  { district: "Brno-město", orp: "Brno", population2021: 379466 },
  { district: "Brno-venkov", orp: "Ivančice", population2021: 24509 },
  { district: "Brno-venkov", orp: "Kuřim", population2021: 23345 },
  { district: "Brno-venkov", orp: "Pohořelice", population2021: 14982 },
  { district: "Brno-venkov", orp: "Rosice", population2021: 26446 },
  { district: "Brno-venkov", orp: "Šlapanice", population2021: 70716 },
  { district: "Brno-venkov", orp: "Tišnov", population2021: 31853 },
  { district: "Brno-venkov", orp: "Židlochovice", population2021: 33663 },
  { district: "Břeclav", orp: "Břeclav", population2021: 58281 },
  { district: "Břeclav", orp: "Hustopeče", population2021: 36205 },
  { district: "Břeclav", orp: "Mikulov", population2021: 20315 },
  { district: "Hodonín", orp: "Hodonín", population2021: 59605 },
  { district: "Hodonín", orp: "Kyjov", population2021: 54837 },
  { district: "Hodonín", orp: "Veselí nad Moravou", population2021: 36654 },
  { district: "Vyškov", orp: "Vyškov", population2021: 51808 },
  { district: "Vyškov", orp: "Bučovice", population2021: 16225 },
  { district: "Vyškov", orp: "Slavkov u Brna", population2021: 24284 },
  { district: "Znojmo", orp: "Znojmo", population2021: 91037 },
  { district: "Znojmo", orp: "Moravský Krumlov", population2021: 22425 },
];

export const JMK_REGION: Region = { id: 'jmk', name: 'Jihomoravský kraj' };

export const JMK_DISTRICTS: readonly District[] = [...new Set(JMK_ROWS.map((row) => row.district))].map((name) => ({
  id: territoryId(name),
  regionId: JMK_REGION.id,
  name,
}));

export const JMK_ORPS: readonly Orp[] = JMK_ROWS.map((row) => ({
  id: territoryId(row.orp),
  districtId: territoryId(row.district),
  name: row.orp,
  population2021: row.population2021,
}));
