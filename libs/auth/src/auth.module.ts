import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AccountsService } from './accounts.service.js';
import { AuthService } from './auth.service.js';
import { DemoUsers } from './demo-users.js';
import { OidcSignIn } from './oidc-sign-in.js';
import { UserAdministration } from './user-administration.service.js';

/** User accounts and the members of candidate groups; what the worker needs to address notifications. */
@Module({ providers: [AccountsService], exports: [AccountsService] })
export class AccountsModule {}

/** Sign-in and token verification for the API, and the demo accounts in demo mode. */
@Module({ imports: [AccountsModule], providers: [AuthService, OidcSignIn, DemoUsers], exports: [AuthService, OidcSignIn, AccountsModule] })
export class AuthModule {}

/** Administrators' management of accounts, audited. */
@Module({ imports: [AccountsModule, AuditModule], providers: [UserAdministration], exports: [UserAdministration] })
export class UserAdministrationModule {}
