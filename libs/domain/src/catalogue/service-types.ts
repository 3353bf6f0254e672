/** Forms of provision of a social service (§ 33 of Act No. 108/2006 Coll.). */
export const PROVISION_FORMS = ['pobytova', 'ambulantni', 'terenni'] as const;
export type ProvisionForm = (typeof PROVISION_FORMS)[number];

/** Registry ids the national registry of providers uses for the forms. */
export const PROVISION_FORM_REGISTRY_IDS: Readonly<Record<ProvisionForm, string>> = {
  ambulantni: '3882',
  pobytova: '3883',
  terenni: '3884',
};

export const PROVISION_FORM_LABELS: Readonly<Record<ProvisionForm, string>> = {
  pobytova: 'pobytová',
  ambulantni: 'ambulantní',
  terenni: 'terénní',
};

/** Categories of social services (§ 32). */
export const SERVICE_CATEGORIES = ['socialni_poradenstvi', 'socialni_pece', 'socialni_prevence'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export interface ServiceType {
  /** Paragraph of the Act that defines the type, e.g. "49" or "60a"; the type's code. */
  paragraph: string;
  name: string;
  category: ServiceCategory;
  /** Forms the type may take; the Ministry's glossary is the default, administrators may edit it. */
  forms: ProvisionForm[];
  registryId: string;
}

/** Default catalogue: the types of §§ 37–70 as the Ministry's glossary describes them. */
export const DEFAULT_SERVICE_TYPES: readonly ServiceType[] = [
  { paragraph: "37", name: "Odborné sociální poradenství", category: "socialni_poradenstvi", forms: ["ambulantni", "terenni"], registryId: "3836" },
  { paragraph: "39", name: "Osobní asistence", category: "socialni_pece", forms: ["terenni"], registryId: "3837" },
  { paragraph: "40", name: "Pečovatelská služba", category: "socialni_pece", forms: ["terenni", "ambulantni"], registryId: "3838" },
  { paragraph: "41", name: "Tísňová péče", category: "socialni_pece", forms: ["terenni"], registryId: "3839" },
  { paragraph: "42", name: "Průvodcovské a předčitatelské služby", category: "socialni_pece", forms: ["terenni", "ambulantni"], registryId: "3840" },
  { paragraph: "43", name: "Podpora samostatného bydlení", category: "socialni_pece", forms: ["terenni"], registryId: "3841" },
  { paragraph: "44", name: "Odlehčovací služby", category: "socialni_pece", forms: ["terenni", "ambulantni", "pobytova"], registryId: "3842" },
  { paragraph: "45", name: "Centra denních služeb", category: "socialni_pece", forms: ["ambulantni"], registryId: "3843" },
  { paragraph: "46", name: "Denní stacionáře", category: "socialni_pece", forms: ["ambulantni"], registryId: "3844" },
  { paragraph: "47", name: "Týdenní stacionáře", category: "socialni_pece", forms: ["pobytova"], registryId: "3845" },
  { paragraph: "48", name: "Domovy pro osoby se zdravotním postižením", category: "socialni_pece", forms: ["pobytova"], registryId: "3846" },
  { paragraph: "49", name: "Domovy pro seniory", category: "socialni_pece", forms: ["pobytova"], registryId: "3847" },
  { paragraph: "50", name: "Domovy se zvláštním režimem", category: "socialni_pece", forms: ["pobytova"], registryId: "3848" },
  { paragraph: "51", name: "Chráněné bydlení", category: "socialni_pece", forms: ["pobytova"], registryId: "3849" },
  { paragraph: "52", name: "Sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", category: "socialni_pece", forms: ["pobytova"], registryId: "3850" },
  { paragraph: "54", name: "Raná péče", category: "socialni_prevence", forms: ["terenni", "ambulantni"], registryId: "3851" },
  { paragraph: "55", name: "Telefonická krizová pomoc", category: "socialni_prevence", forms: ["terenni"], registryId: "3852" },
  { paragraph: "56", name: "Tlumočnické služby", category: "socialni_prevence", forms: ["terenni", "ambulantni"], registryId: "3853" },
  { paragraph: "57", name: "Azylové domy", category: "socialni_prevence", forms: ["pobytova"], registryId: "3854" },
  { paragraph: "58", name: "Domy na půl cesty", category: "socialni_prevence", forms: ["pobytova"], registryId: "3855" },
  { paragraph: "59", name: "Kontaktní centra", category: "socialni_prevence", forms: ["ambulantni", "terenni"], registryId: "3856" },
  { paragraph: "60", name: "Krizová pomoc", category: "socialni_prevence", forms: ["terenni", "ambulantni", "pobytova"], registryId: "3857" },
  { paragraph: "60a", name: "Intervenční centra", category: "socialni_prevence", forms: ["terenni", "ambulantni", "pobytova"], registryId: "3868" },
  { paragraph: "61", name: "Nízkoprahová denní centra", category: "socialni_prevence", forms: ["ambulantni", "terenni"], registryId: "3858" },
  { paragraph: "62", name: "Nízkoprahová zařízení pro děti a mládež", category: "socialni_prevence", forms: ["ambulantni", "terenni"], registryId: "3859" },
  { paragraph: "63", name: "Noclehárny", category: "socialni_prevence", forms: ["ambulantni"], registryId: "3860" },
  { paragraph: "64", name: "Služby následné péče", category: "socialni_prevence", forms: ["ambulantni", "pobytova"], registryId: "3861" },
  { paragraph: "65", name: "Sociálně aktivizační služby pro rodiny s dětmi", category: "socialni_prevence", forms: ["terenni", "ambulantni"], registryId: "3862" },
  { paragraph: "66", name: "Sociálně aktivizační služby pro seniory a osoby se zdravotním postižením", category: "socialni_prevence", forms: ["ambulantni", "terenni"], registryId: "3863" },
  { paragraph: "67", name: "Sociálně terapeutické dílny", category: "socialni_prevence", forms: ["ambulantni"], registryId: "3864" },
  { paragraph: "68", name: "Terapeutické komunity", category: "socialni_prevence", forms: ["pobytova"], registryId: "3865" },
  { paragraph: "69", name: "Terénní programy", category: "socialni_prevence", forms: ["terenni"], registryId: "3866" },
  { paragraph: "70", name: "Sociální rehabilitace", category: "socialni_prevence", forms: ["terenni", "ambulantni", "pobytova"], registryId: "3867" },
];
