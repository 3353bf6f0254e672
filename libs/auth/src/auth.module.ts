import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service.js';
import { AuthService } from './auth.service.js';
import { DemoUsers } from './demo-users.js';

/** User accounts and the members of candidate groups; what the worker needs to address notifications. */
@Module({ providers: [AccountsService], exports: [AccountsService] })
export class AccountsModule {}

/** Sign-in and token verification for the API, and the demo accounts in demo mode. */
@Module({ imports: [AccountsModule], providers: [AuthService, DemoUsers], exports: [AuthService, AccountsModule] })
export class AuthModule {}
