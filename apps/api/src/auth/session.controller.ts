import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { AuthService, OIDC_CALLBACK_PATH, OidcSignIn, safeReturnPath, type OidcFlow, type TokenPair } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { Public } from './auth.decorators.js';
import { SignInDto } from './auth.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { BrowserSessionResponse, SessionOptionsResponse } from './auth.responses.js';

/** Where the browser's refresh token lives: sent back only to these routes, never readable by scripts. */
export const SESSION_PATH = '/auth/session';
export const REFRESH_COOKIE = 'pss_refresh';
/** A sign-in through the OIDC provider under way: its state, nonce, PKCE verifier and return path, for the callback only. */
export const OIDC_FLOW_COOKIE = 'pss_oidc';
/** How long the user may take at the provider. */
const OIDC_FLOW_TTL_MS = 10 * 60_000;
/** Where a failed sign-in through the provider lands: the sign-in page says so in Czech. */
export const OIDC_FAILURE_PATH = '/prihlaseni?chyba=oidc';

/** What the web application gets: the access token (kept in memory) and who signed in, never the refresh token. */
export type BrowserSession = Omit<TokenPair, 'refreshToken' | 'refreshExpiresIn'>;

/**
 * Sign-in for the web application: the same accounts and tokens as `/auth/*`, but the
 * refresh token travels in an HttpOnly, SameSite=Strict cookie scoped to this path.
 */
@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('options')
  @ApiOperation({ summary: 'What the sign-in page offers: sign-in through the OIDC provider (its name) when it is configured' })
  @ApiOkResponse({ type: SessionOptionsResponse })
  @ApiErrors()
  options(): SessionOptionsResponse {
    return { oidc: this.oidc.provider };
  }

  @Public()
  @Get('oidc')
  @ApiOperation({
    summary: 'Web sign-in through the OIDC provider: redirects to its authorization endpoint (authorization code flow with PKCE S256)',
    description: `The state, nonce and PKCE verifier stay in an HttpOnly cookie of the callback (${OIDC_CALLBACK_PATH}) for ten minutes.`,
  })
  @ApiQuery({ name: 'zpet', required: false, description: 'A path of the web application to return to after sign-in (default /); another site is refused (400)' })
  @ApiFoundResponse({ description: `To the provider; to ${OIDC_FAILURE_PATH} when the provider cannot be reached` })
  @ApiErrors(400, 404)
  async startOidc(@Query('zpet') zpet: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.provider) throw new DomainError(DomainErrorCode.NotFound, 'Sign-in through an OIDC provider is not configured');
    const returnPath = zpet === undefined ? '/' : safeReturnPath(zpet);
    if (returnPath === null) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'The return path is not a path of this application', [
        { field: 'zpet', code: 'NOT_LOCAL_PATH', message: 'Only a path of this application (/…) is followed after sign-in' },
      ]);
    }
    response.setHeader('Cache-Control', 'no-store');
    try {
      const { flow, authorizationUrl } = await this.oidc.start(returnPath);
      response.cookie(OIDC_FLOW_COOKIE, encodeFlow(flow), { ...this.flowCookieOptions(request), maxAge: OIDC_FLOW_TTL_MS });
      response.redirect(302, authorizationUrl);
    } catch (error) {
      this.logger.warn(`Sign-in through the OIDC provider could not start: ${messageOf(error)}`);
      response.redirect(302, OIDC_FAILURE_PATH);
    }
  }

  @Public()
  @Get('oidc/callback')
  @ApiOperation({
    summary: 'Where the OIDC provider returns: trades the code, verifies the ID token and starts the web session (the refresh cookie)',
    description: `Redirects to the return path of the sign-in, or to ${OIDC_FAILURE_PATH} for a wrong state, a refusal of the provider, an ID token that is not valid, or a disabled or refused account.`,
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'error', required: false, description: 'The provider refused the sign-in' })
  @ApiFoundResponse({ description: `Signed in: to the return path; otherwise to ${OIDC_FAILURE_PATH}` })
  @ApiErrors()
  async finishOidc(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    // One attempt per flow: the cookie goes whatever happens.
    response.clearCookie(OIDC_FLOW_COOKIE, this.flowCookieOptions(request));
    response.setHeader('Cache-Control', 'no-store');
    const flow = decodeFlow((request.cookies as Record<string, unknown> | undefined)?.[OIDC_FLOW_COOKIE]);
    try {
      if (!flow) throw new Error('no sign-in under way in this browser (no flow cookie)');
      const tokens = await this.oidc.finish({ code: query.code, state: query.state, error: query.error }, flow);
      this.begin(tokens, request, response);
      this.logger.log(`User ${tokens.user.id} signed in through the OIDC provider`);
      response.redirect(302, flow.returnPath);
    } catch (error) {
      this.logger.warn(`Sign-in through the OIDC provider refused: ${messageOf(error)}`);
      response.redirect(302, OIDC_FAILURE_PATH);
    }
  }

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Web sign-in: the access token in the body, the refresh token in an HttpOnly cookie' })
  @ApiOkResponse({ type: BrowserSessionResponse })
  @ApiErrors(400, 401)
  async signIn(@Body() body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<BrowserSession> {
    return this.begin(await this.auth.signIn(body.login, body.password), request, response);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Web session: a new access token for the refresh cookie (which is rotated); 401 without a valid one' })
  @ApiOkResponse({ type: BrowserSessionResponse })
  @ApiErrors(401)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<BrowserSession> {
    const token = refreshCookieOf(request);
    if (!token) throw new DomainError(DomainErrorCode.Unauthenticated, 'No web session: sign in');
    try {
      return this.begin(await this.auth.refresh(token), request, response);
    } catch (error) {
      response.clearCookie(REFRESH_COOKIE, this.cookieOptions(request));
      throw error;
    }
  }

  @Public()
  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Web sign-out: ends the sign-in of the refresh cookie and removes the cookie' })
  @ApiNoContentResponse({ description: 'Signed out; the cookie is removed' })
  @ApiErrors()
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = refreshCookieOf(request);
    if (token) await this.auth.signOut(token);
    response.clearCookie(REFRESH_COOKIE, this.cookieOptions(request));
  }

  private begin(tokens: TokenPair, request: Request, response: Response): BrowserSession {
    const { refreshToken, refreshExpiresIn, ...session } = tokens;
    response.cookie(REFRESH_COOKIE, refreshToken, { ...this.cookieOptions(request), maxAge: refreshExpiresIn * 1000 });
    response.setHeader('Cache-Control', 'no-store');
    return session;
  }

  private flowCookieOptions(request: Request): CookieOptions {
    // Lax, not Strict: the provider's redirect back is a cross-site navigation, and it must carry the cookie.
    return { ...this.cookieOptions(request), sameSite: 'lax', path: OIDC_CALLBACK_PATH };
  }

  private cookieOptions(request: Request): CookieOptions {
    // Secure whenever the page is served over https (directly or, as PUBLIC_URL says, behind a proxy).
    const secure = request.secure || this.config.publicUrl.startsWith('https:');
    return { httpOnly: true, sameSite: 'strict', secure, path: SESSION_PATH };
  }
}

function refreshCookieOf(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

function encodeFlow(flow: OidcFlow): string {
  return Buffer.from(JSON.stringify([flow.state, flow.nonce, flow.verifier, flow.returnPath])).toString('base64url');
}

/** The flow cookie, strictly: anything else than what `encodeFlow` wrote is no flow. */
function decodeFlow(value: unknown): OidcFlow | null {
  if (typeof value !== 'string' || value.length > 4000 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [state, nonce, verifier, returnPath] = parsed as unknown[];
    const random = (text: unknown): text is string => typeof text === 'string' && /^[A-Za-z0-9_-]{43,128}$/.test(text);
    const path = safeReturnPath(returnPath);
    return random(state) && random(nonce) && random(verifier) && path ? { state, nonce, verifier, returnPath: path } : null;
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
