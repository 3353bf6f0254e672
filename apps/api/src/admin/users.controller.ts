import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseTerritory, UserAdministration, type Principal, type Territory } from '@app/auth';
import { CurrentUser } from '../auth/auth.decorators.js';
import { OnlyFor } from '../auth/only-for.js';
import { CreateUserDto, UpdateUserDto, UserIdParams, UsersQuery } from './users.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { UserPageResponse, UserResponse } from './users.responses.js';

/** The DTOs have matched TERRITORY_PATTERN already. */
function territoryOf(text: string): Territory {
  return parseTerritory(text)!;
}

@ApiTags('administration')
@Controller('admin/users')
@OnlyFor('administrator')
@ApiErrors(401, 404)
export class UsersController {
  constructor(private readonly users: UserAdministration) {}

  @Get()
  @ApiOperation({ summary: 'Accounts by role, territory and a part of login or name, ordered by id; keyset pages via after=<nextCursor>' })
  @ApiOkResponse({ type: UserPageResponse })
  @ApiErrors(400)
  list(@Query() query: UsersQuery) {
    return this.users.list({ role: query.role, territory: query.territory === undefined ? undefined : territoryOf(query.territory), text: query.q, after: query.after, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400)
  get(@Param() params: UserIdParams) {
    return this.users.get(params.id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a local account with an initial password, in its district team if it has one (audited as user.created)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 409, 422)
  create(@Body() body: CreateUserDto, @CurrentUser() user: Principal) {
    const { reason, territory, ...account } = body;
    return this.users.create(user, { ...account, territory: territoryOf(territory) }, reason ?? null);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role and territory, name, e-mail or disabled, with a reason (audited); a change of role or state ends the user’s tokens' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 409, 422)
  update(@Param() params: UserIdParams, @Body() body: UpdateUserDto, @CurrentUser() user: Principal) {
    const { reason, territory, ...patch } = body;
    return this.users.update(user, params.id, { ...patch, territory: territory === undefined ? undefined : territoryOf(territory) }, reason);
  }
}
