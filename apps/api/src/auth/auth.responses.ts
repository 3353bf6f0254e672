import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@app/auth';
import { ApiInteger } from '../common/openapi.js';

/** Who a token belongs to. */
export class PrincipalResponse {
  @ApiProperty({ example: 'jnovak' })
  id: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty({ example: 'orp:kurim', description: '<kind>:<id>: provider:<IČO>, orp:<id>, district:<id> or region:<id>' })
  territory: string;
}

export class TokenPairResponse {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiInteger({ description: 'Seconds the access token is valid' })
  expiresIn: number;

  @ApiProperty({ description: 'Works once: trade it at /auth/refresh' })
  refreshToken: string;

  @ApiInteger({ description: 'Seconds the refresh token is valid' })
  refreshExpiresIn: number;

  @ApiProperty({ type: () => PrincipalResponse })
  user: PrincipalResponse;
}

/** The web application's session: the refresh token is in the HttpOnly cookie, not here. */
export class BrowserSessionResponse {
  @ApiProperty({ description: 'Kept in memory by the web application, sent as Authorization: Bearer' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiInteger({ description: 'Seconds the access token is valid' })
  expiresIn: number;

  @ApiProperty({ type: () => PrincipalResponse })
  user: PrincipalResponse;
}

/** An OpenID Connect provider the web application can sign in through. */
export class SignInProviderResponse {
  @ApiProperty({ example: 'login.jmk.cz', description: 'The label after "Přihlásit přes"' })
  name: string;
}

/** What the sign-in page offers besides login and password. */
export class SessionOptionsResponse {
  @ApiProperty({ type: () => SignInProviderResponse, nullable: true, description: 'Sign-in through the OIDC provider; null when it is not configured' })
  oidc: SignInProviderResponse | null;
}
