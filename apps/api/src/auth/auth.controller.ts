import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from '@app/auth';
import { Public } from './auth.decorators.js';
import { RefreshDto, SignInDto } from './auth.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { TokenPairResponse } from './auth.responses.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a local account: a short-lived access token and a refresh token' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiErrors(400, 401)
  signIn(@Body() body: SignInDto) {
    return this.auth.signIn(body.login, body.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for new tokens; each refresh token works once' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiErrors(400, 401)
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the sign-in the refresh token belongs to' })
  @ApiNoContentResponse({ description: 'Signed out (also for a token that is unknown or already ended)' })
  @ApiErrors(400)
  async signOut(@Body() body: RefreshDto): Promise<void> {
    await this.auth.signOut(body.refreshToken);
  }
}
