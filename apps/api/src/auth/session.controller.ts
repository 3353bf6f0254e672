import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { AuthService, type TokenPair } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { Public } from './auth.decorators.js';
import { SignInDto } from './auth.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { BrowserSessionResponse } from './auth.responses.js';

/** Where the browser's refresh token lives: sent back only to these routes, never readable by scripts. */
export const SESSION_PATH = '/auth/session';
export const REFRESH_COOKIE = 'pss_refresh';

/** What the web application gets: the access token (kept in memory) and who signed in, never the refresh token. */
export type BrowserSession = Omit<TokenPair, 'refreshToken' | 'refreshExpiresIn'>;

/**
 * Sign-in for the web application: the same accounts and tokens as `/auth/*`, but the
 * refresh token travels in an HttpOnly, SameSite=Strict cookie scoped to this path.
 */
@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
