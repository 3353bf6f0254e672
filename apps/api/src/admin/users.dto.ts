import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LOGIN_PATTERN, MIN_PASSWORD_LENGTH, ROLES, TERRITORY_PATTERN, type Role } from '@app/auth';

/** Required in a creation, optional in a change. */
function documented(required: boolean, options: ApiPropertyOptions) {
  return required ? ApiProperty(options) : ApiPropertyOptional(options);
}

/** The shape of each field in one place; whether a territory fits the role is the domain's (422). */
const field = {
  role: (required = true) => applyDecorators(IsIn(ROLES), documented(required, { enum: ROLES, example: 'orp_official' })),
  territory: (required = true) =>
    applyDecorators(IsString(), Matches(TERRITORY_PATTERN, { message: 'territory is kind:id, e.g. orp:zidlochovice, district:znojmo, region:jmk or provider:70888337' }), documented(required, { example: 'orp:zidlochovice' })),
  displayName: (required = true) =>
    applyDecorators(IsString(), Length(1, 200), Matches(/\S/, { message: 'displayName must not be blank' }), documented(required, { example: 'Jana Dvořáková (ORP Židlochovice)' })),
  email: () => applyDecorators(IsString(), MaxLength(254), Matches(/^[^@\s]+@[^@\s]+$/, { message: 'email must be an e-mail address' }), ApiPropertyOptional({ type: String, nullable: true, example: 'jana.dvorakova@zidlochovice.cz' })),
};

/** In a PATCH a field may be left out but never set to null; only the e-mail is cleared with null. */
const Present = () => ValidateIf((_object, value) => value !== undefined);

export class CreateUserDto {
  @IsString() @Matches(LOGIN_PATTERN, { message: 'login is 2–64 characters a–z, 0–9, dot, underscore or hyphen' }) @ApiProperty({ example: 'orp.blansko' })
  login: string;

  @field.displayName() displayName: string;
  @IsOptional() @field.email() email?: string | null;
  @field.role() role: Role;
  @field.territory() territory: string;

  @IsString() @Length(MIN_PASSWORD_LENGTH, 1024) @ApiProperty({ format: 'password', description: 'The initial password (never logged or audited)' })
  password: string;

  @IsOptional() @IsString() @MaxLength(2000) @ApiPropertyOptional({ description: 'Why the account is created (audited)' })
  reason?: string;
}

export class UpdateUserDto {
  @Present() @field.role(false) role?: Role;
  @Present() @field.territory(false) territory?: string;
  @Present() @field.displayName(false) displayName?: string;
  @IsOptional() @field.email() email?: string | null;

  @Present() @IsBoolean() @ApiPropertyOptional({ description: 'A disabled user cannot sign in, and their tokens answer 401' })
  disabled?: boolean;

  // class-validator checks property decorators bottom-up: the type first.
  @ApiProperty({ example: 'Přechod na odbor sociálních věcí kraje', description: 'Why the account changes (audited)' })
  @MaxLength(2000)
  @IsNotEmpty()
  @IsString()
  reason: string;
}

export class UsersQuery {
  @IsOptional() @IsIn(ROLES) @ApiPropertyOptional({ enum: ROLES })
  role?: Role;

  @IsOptional() @Matches(TERRITORY_PATTERN) @ApiPropertyOptional({ example: 'district:brno-venkov' })
  territory?: string;

  @IsOptional() @IsString() @Length(1, 200) @ApiPropertyOptional({ description: 'A part of the login or the name, in any case' })
  q?: string;

  @IsOptional() @IsString() @MaxLength(200) @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) @ApiPropertyOptional({ default: 50 })
  limit?: number;
}

export class UserIdParams {
  @Matches(/^\S{1,200}$/) @ApiProperty({ example: 'orp.zidlochovice' })
  id: string;
}
