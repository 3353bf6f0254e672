import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AccountsService } from './accounts.service.js';
import { AuthService } from './auth.service.js';
import { DemoUsers } from './demo-users.js';
import { UserAdministration } from './user-administration.service.js';

/** User accounts and the members of candidate groups; what the worker needs to address notifications. */
@Module({ providers: [AccountsService], exports: [AccountsService] })
export class AccountsModule {}

/** Sign-in and token verification for the API, and the demo accounts in demo mode. */
@Module({ imports: [AccountsModule], providers: [AuthService, DemoUsers], exports: [AuthService, AccountsModule] })
export class AuthModule {}

/** Administrators' management of accounts, audited. */
@Module({ imports: [AccountsModule, AuditModule], providers: [UserAdministration], exports: [UserAdministration] })
export class UserAdministrationModule {}
