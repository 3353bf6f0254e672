import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@app/auth';
import { ApiDateTime, ApiNextCursor, ApiNullableString } from '../common/openapi.js';

/** An account as administrators see it. */
export class UserResponse {
  @ApiProperty()
  id: string;

  @ApiNullableString({ description: 'Local accounts sign in with it; null for accounts of the identity provider' })
  login: string | null;

  @ApiProperty()
  displayName: string;

  @ApiNullableString()
  email: string | null;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty({ example: 'orp:kurim', description: 'kind:id' })
  territory: string;

  @ApiProperty({ enum: ['local', 'oidc'] })
  source: 'local' | 'oidc';

  @ApiProperty()
  disabled: boolean;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime()
  updatedAt: string;
}

export class UserPageResponse {
  @ApiProperty({ type: () => UserResponse, isArray: true })
  items: UserResponse[];

  @ApiNextCursor()
  nextCursor: string | null;
}
