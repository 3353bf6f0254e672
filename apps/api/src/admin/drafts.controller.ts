import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditActorOf, type Principal } from '@app/auth';
import { ModelDrafts } from '@app/deployment';
import { CurrentUser } from '../auth/auth.decorators.js';
import { OnlyFor } from '../auth/only-for.js';
import { ApiErrors } from '../common/openapi.js';
import { DeployDraftDto, DraftDto, DraftIdParams, ReplaceDraftDto } from './model-editor.dto.js';
import { DraftResponse, DraftSummaryResponse } from './drafts.responses.js';
import { ModelFilesBody } from './model-files-body.js';
import { DeploymentResponse } from './processes.responses.js';

/** The administrators' drafts of models, decisions and forms, each its owner's alone (404 to anyone else). */
@ApiTags('administration')
@Controller('admin/drafts')
@OnlyFor('administrator')
@UseInterceptors(ModelFilesBody)
@ApiErrors(401, 404)
export class DraftsController {
  constructor(private readonly drafts: ModelDrafts) {}

  @Get()
  @ApiOperation({ summary: 'My drafts, last saved first, without the files’ contents' })
  @ApiOkResponse({ type: DraftSummaryResponse, isArray: true })
  list(@CurrentUser() user: Principal) {
    return this.drafts.list(user.userId);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Save a new draft under a name of mine (409 DRAFT_NAME_TAKEN when I have one of that name)' })
  @ApiCreatedResponse({ type: DraftSummaryResponse })
  @ApiErrors(400, 409)
  create(@Body() body: DraftDto, @CurrentUser() user: Principal) {
    return this.drafts.create(user.userId, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my drafts with its files' })
  @ApiOkResponse({ type: DraftResponse })
  @ApiErrors(400)
  get(@Param() params: DraftIdParams, @CurrentUser() user: Principal) {
    return this.drafts.get(user.userId, params.id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace name and files of the version I read (409 DRAFT_VERSION_STALE when saved again since, DRAFT_NAME_TAKEN for a name in use)' })
  @ApiOkResponse({ type: DraftSummaryResponse })
  @ApiErrors(400, 409)
  replace(@Param() params: DraftIdParams, @Body() body: ReplaceDraftDto, @CurrentUser() user: Principal) {
    const { version, ...draft } = body;
    return this.drafts.replace(user.userId, params.id, version, draft);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my drafts' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400)
  async delete(@Param() params: DraftIdParams, @CurrentUser() user: Principal) {
    await this.drafts.delete(user.userId, params.id);
  }

  @Post(':id/deploy')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Deploy the draft’s files as POST /admin/deployments does (same checks, 422 and audit); the deployed draft is deleted, a refused one stays',
  })
  @ApiCreatedResponse({ type: DeploymentResponse })
  @ApiErrors(400, 409, 422)
  deploy(@Param() params: DraftIdParams, @Body() body: DeployDraftDto, @CurrentUser() user: Principal) {
    return this.drafts.deploy(user.userId, params.id, auditActorOf(user), body.version);
  }
}
