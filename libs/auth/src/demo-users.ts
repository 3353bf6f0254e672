import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Role, Territory } from './access.js';
import { AccountsService } from './accounts.service.js';

/** Every demo account signs in with this password; demo mode only. */
export const DEMO_PASSWORD = 'demo-heslo';

export interface DemoUser {
  login: string;
  displayName: string;
  role: Role;
  territory: Territory;
}

/** One account for every role, in a few territories, so that a whole intention can be walked through. */
export const DEMO_USERS: readonly DemoUser[] = [
  { login: 'poskytovatel', displayName: 'Domov Zahrada, z. ú.', role: 'provider', territory: { kind: 'provider', id: '70888337' } },
  { login: 'poskytovatel2', displayName: 'Charita Znojmo', role: 'provider', territory: { kind: 'provider', id: '44992785' } },
  { login: 'orp.zidlochovice', displayName: 'Jana Dvořáková (ORP Židlochovice)', role: 'orp_official', territory: { kind: 'orp', id: 'zidlochovice' } },
  { login: 'orp.kurim', displayName: 'Petr Novák (ORP Kuřim)', role: 'orp_official', territory: { kind: 'orp', id: 'kurim' } },
  { login: 'orp.znojmo', displayName: 'Eva Svobodová (ORP Znojmo)', role: 'orp_official', territory: { kind: 'orp', id: 'znojmo' } },
  { login: 'vedouci.zidlochovice', displayName: 'Martin Černý (vedoucí OSV Židlochovice)', role: 'orp_head', territory: { kind: 'orp', id: 'zidlochovice' } },
  { login: 'okres.brno-venkov.clen1', displayName: 'Lucie Procházková (okresní tým Brno-venkov)', role: 'district_member', territory: { kind: 'district', id: 'brno-venkov' } },
  { login: 'okres.brno-venkov.clen2', displayName: 'Tomáš Kučera (okresní tým Brno-venkov)', role: 'district_member', territory: { kind: 'district', id: 'brno-venkov' } },
  { login: 'okres.brno-venkov.predseda', displayName: 'Hana Veselá (předsedkyně okresního týmu Brno-venkov)', role: 'district_chair', territory: { kind: 'district', id: 'brno-venkov' } },
  { login: 'okres.znojmo.clen', displayName: 'Jiří Horák (okresní tým Znojmo)', role: 'district_member', territory: { kind: 'district', id: 'znojmo' } },
  { login: 'okres.znojmo.predseda', displayName: 'Alena Němcová (předsedkyně okresního týmu Znojmo)', role: 'district_chair', territory: { kind: 'district', id: 'znojmo' } },
  { login: 'kraj.referent', displayName: 'Pavel Marek (odbor sociálních věcí JMK)', role: 'regional_officer', territory: { kind: 'region', id: 'jmk' } },
  { login: 'kraj.tajemnik', displayName: 'Ivana Pokorná (tajemnice Rady a Zastupitelstva)', role: 'council_secretary', territory: { kind: 'region', id: 'jmk' } },
  { login: 'admin', displayName: 'Správce systému', role: 'administrator', territory: { kind: 'region', id: 'jmk' } },
  { login: 'kontrolor', displayName: 'Kateřina Malá (interní audit a kontrola JMK)', role: 'auditor', territory: { kind: 'region', id: 'jmk' } },
];

/** In demo mode (`DEMO=true`), creates the demo accounts that do not exist yet, the district users in their teams. */
@Injectable()
export class DemoUsers implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoUsers');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    const existing = new Set(
      (await this.dataSource.query(`SELECT id FROM user_account WHERE id = ANY($1)`, [DEMO_USERS.map((user) => user.login)])).map((row: { id: string }) => row.id),
    );
    // New demo users join their district teams, which the district review assigns opinions to.
    for (const user of DEMO_USERS.filter((candidate) => !existing.has(candidate.login))) {
      await this.dataSource.transaction((manager) => this.accounts.addLocalUser({ ...user, password: DEMO_PASSWORD, email: `${user.login}@demo.invalid` }, manager));
    }
    this.logger.log(`demo mode: ${DEMO_USERS.length} demo accounts with the password '${DEMO_PASSWORD}'`);
  }
}
