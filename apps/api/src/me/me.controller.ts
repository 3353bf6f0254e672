import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { principalView, type Principal } from '@app/auth';
import { CurrentUser } from '../auth/auth.decorators.js';
import { PrincipalResponse } from '../auth/auth.responses.js';
import { ApiErrors } from '../common/openapi.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'Who the token belongs to: id, name, role and territory' })
  @ApiOkResponse({ type: PrincipalResponse })
  @ApiErrors(401)
  me(@CurrentUser() principal: Principal) {
    return principalView(principal);
  }
}
