import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { principalView, type Principal } from '@app/auth';
import { CurrentUser } from '../auth/auth.decorators.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'Who the token belongs to: id, name, role and territory' })
  me(@CurrentUser() principal: Principal) {
    return principalView(principal);
  }
}
