import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditActorOf, type Principal } from '@app/auth';
import { DeployedModels, MAX_MODEL_FILE_BYTES, MAX_MODEL_FILES, ModelDeployer, modelFile, ProcessAdministration } from '@app/deployment';
import { DomainError, DomainErrorCode } from '@app/domain';
import { InstanceMigration } from '@app/monitoring';
import { CurrentUser } from '../auth/auth.decorators.js';
import { OnlyFor } from '../auth/only-for.js';
import { CancelInstanceDto, DiffQuery, InstanceParams, MigrateInstanceDto, ProcessVersionParams, StartInstanceDto } from './processes.dto.js';
import { ApiErrors, ApiTextResponse } from '../common/openapi.js';
import { DeploymentResponse, MigratedInstanceResponse, ProcessDiffResponse, ProcessResponse, StartedInstanceResponse } from './processes.responses.js';

@ApiTags('administration')
@Controller('admin')
@OnlyFor('administrator')
@ApiErrors(401, 404)
export class ProcessesController {
  constructor(
    private readonly deployer: ModelDeployer,
    private readonly models: DeployedModels,
    private readonly administration: ProcessAdministration,
    private readonly migration: InstanceMigration,
  ) {}

  @Post('deployments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Deploy .bpmn, .dmn and .form files atomically, after lint (Camunda 8.8), worker and form checks' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @UseInterceptors(FilesInterceptor('files', MAX_MODEL_FILES, { limits: { fileSize: MAX_MODEL_FILE_BYTES } }))
  @ApiCreatedResponse({ type: DeploymentResponse })
  @ApiErrors(400, 422)
  deploy(@UploadedFiles() uploads: Express.Multer.File[] | undefined, @CurrentUser() user: Principal) {
    const files = (uploads ?? []).map((upload) => ({ upload, file: modelFile(upload.originalname, upload.buffer) }));
    const unsupported = files.filter(({ file }) => file === null);
    if (unsupported.length > 0) {
      throw new DomainError(
        DomainErrorCode.DeploymentRejected,
        'The models cannot be deployed',
        unsupported.map(({ upload }) => ({ field: upload.originalname, code: 'UNSUPPORTED_FILE', message: 'Only .bpmn, .dmn and .form files are deployed' })),
      );
    }
    return this.deployer.deploy(files.map(({ file }) => file!), auditActorOf(user));
  }

  @Get('processes')
  @ApiOperation({ summary: 'Every deployed process with its versions, who deployed them and when' })
  @ApiOkResponse({ type: ProcessResponse, isArray: true })
  processes() {
    return this.models.listProcesses();
  }

  @Get('processes/:processId/versions/:version')
  @Header('content-type', 'application/xml; charset=utf-8')
  @ApiOperation({ summary: 'The BPMN XML of one version' })
  @ApiTextResponse(200, 'application/xml', 'The BPMN XML as deployed')
  @ApiErrors(400)
  async processVersion(@Param() params: ProcessVersionParams) {
    return (await this.models.processVersion(params.processId, params.version)).content;
  }

  @Get('processes/:processId/diff')
  @ApiOperation({ summary: 'Elements added, removed and changed between two versions' })
  @ApiOkResponse({ type: ProcessDiffResponse })
  @ApiErrors(400)
  diff(@Param('processId') processId: string, @Query() query: DiffQuery) {
    return this.models.diff(processId, query.from, query.to);
  }

  @Post('processes/:processId/versions/:version/instances')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start an instance of this version (audited)' })
  @ApiCreatedResponse({ type: StartedInstanceResponse })
  @ApiErrors(400)
  start(@Param() params: ProcessVersionParams, @Body() body: StartInstanceDto, @CurrentUser() user: Principal) {
    return this.administration.startInstance(params.processId, params.version, body.variables ?? {}, auditActorOf(user), body.reason ?? null);
  }

  @Post('instances/:processInstanceKey/cancel')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a running instance, with a reason (audited)' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiErrors(400)
  async cancel(@Param('processInstanceKey') key: string, @Body() body: CancelInstanceDto, @CurrentUser() user: Principal) {
    if (!/^\d{1,19}$/.test(key)) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [{ field: 'processInstanceKey', code: 'INVALID_KEY', message: 'A key is a 64-bit integer written in decimal' }]);
    }
    await this.administration.cancelInstance(key, auditActorOf(user), body.reason);
  }

  @Post('instances/:processInstanceKey/migration')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Migrate a running instance to another process version (Zeebe process instance migration), with a reason (audited)',
    description: 'Every active element needs a mapping instruction to an element of the same type and flow scope. The orchestrator’s refusals answer 422 MIGRATION_REJECTED with its reason; an unknown instance or target version 404.',
  })
  @ApiOkResponse({ type: MigratedInstanceResponse })
  @ApiErrors(400, 422)
  async migrate(@Param() params: InstanceParams, @Body() body: MigrateInstanceDto, @CurrentUser() user: Principal): Promise<MigratedInstanceResponse> {
    const mappings = body.mappingInstructions.map(({ sourceElementId, targetElementId }) => ({ sourceElementId, targetElementId }));
    const { processInstanceKey, target } = await this.migration.migrate(params.processInstanceKey, body.targetProcessDefinitionKey, mappings, auditActorOf(user), body.reason);
    return { processInstanceKey, ...target };
  }
}
