import { applyDecorators, Body, Controller, Get, Header, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeployedModels, ModelDeployer } from '@app/deployment';
import { OnlyFor } from '../auth/only-for.js';
import { ApiErrors, ApiTextResponse } from '../common/openapi.js';
import { CheckModelsDto, DecisionVersionParams, FormVersionParams } from './model-editor.dto.js';
import { DecisionRequirementsResponse, DeploymentCheckResponse, FormResponse } from './model-editor.responses.js';
import { ModelFilesBody } from './model-files-body.js';
import { ProcessVersionParams } from './processes.dto.js';

/** A route answering a form-js schema as it was deployed (its text, unchanged). */
const FormSchemaResponse = () =>
  applyDecorators(
    Header('content-type', 'application/json; charset=utf-8'),
    ApiOkResponse({ description: 'The form-js schema as deployed', schema: { type: 'object', additionalProperties: true } }),
    ApiErrors(400),
  );

/** What the administrators' modeler, form and decision editors read and check besides their drafts. */
@ApiTags('administration')
@Controller('admin')
@OnlyFor('administrator')
@ApiErrors(401, 404)
export class ModelEditorController {
  constructor(
    private readonly deployer: ModelDeployer,
    private readonly models: DeployedModels,
  ) {}

  @Post('deployments/check')
  @HttpCode(200)
  @UseInterceptors(ModelFilesBody)
  @ApiOperation({
    summary: 'Check files as POST /admin/deployments would, without deploying: lint errors and warnings, job types no worker serves, forms not found',
  })
  @ApiOkResponse({ type: DeploymentCheckResponse })
  @ApiErrors(400)
  check(@Body() body: CheckModelsDto) {
    return this.deployer.checkSources(body.files);
  }

  @Get('forms')
  @ApiOperation({ summary: 'Every deployed form with its versions, who deployed them and when' })
  @ApiOkResponse({ type: FormResponse, isArray: true })
  forms() {
    return this.models.listForms();
  }

  @Get('forms/:formId/versions/:version')
  @ApiOperation({ summary: 'The form-js schema of one version, as deployed' })
  @FormSchemaResponse()
  async formVersion(@Param() params: FormVersionParams) {
    return (await this.models.formVersion(params.formId, params.version)).content;
  }

  @Get('decisions')
  @ApiOperation({ summary: 'Every deployed decision requirements graph (DMN file) with its versions, their decisions and resource names' })
  @ApiOkResponse({ type: DecisionRequirementsResponse, isArray: true })
  decisions() {
    return this.models.listDecisions();
  }

  @Get('decisions/:decisionRequirementsId/versions/:version')
  @Header('content-type', 'application/xml; charset=utf-8')
  @ApiOperation({ summary: 'The DMN XML of one version of a decision requirements graph' })
  @ApiTextResponse(200, 'application/xml', 'The DMN XML as deployed')
  @ApiErrors(400)
  async decisionVersion(@Param() params: DecisionVersionParams) {
    return (await this.models.decisionVersion(params.decisionRequirementsId, params.version)).content;
  }

  @Get('processes/:processId/versions/:version/start-form')
  @ApiOperation({ summary: 'The form-js schema the none start event of this version links to (latest version of the form); 404 when it links none' })
  @FormSchemaResponse()
  async startForm(@Param() params: ProcessVersionParams) {
    return (await this.models.startForm(params.processId, params.version)).content;
  }
}
