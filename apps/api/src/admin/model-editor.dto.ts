import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MAX_DRAFT_NAME_LENGTH, MAX_MODEL_FILE_BYTES, MAX_MODEL_FILES, MODEL_FILE_NAME } from '@app/deployment';
import { MaxUtf8Bytes } from '../common/max-utf8-bytes.js';
import { PROCESS_ID } from './processes.dto.js';

/** A file as the administrators' editors hold it: a name and its text. */
export class ModelFileDto {
  // class-validator checks property decorators bottom-up: the type first.
  @ApiProperty({ example: 'intention-submission.bpmn', pattern: MODEL_FILE_NAME.source, description: 'No folders; .bpmn, .dmn or .form' })
  @Matches(MODEL_FILE_NAME, { message: 'name is letters, digits, spaces, dots, hyphens or underscores ending in .bpmn, .dmn or .form' })
  @IsString()
  name: string;

  @ApiProperty({ description: `The XML of a model or decision, the form-js JSON of a form; at most ${MAX_MODEL_FILE_BYTES} bytes in UTF-8` })
  @MaxUtf8Bytes(MAX_MODEL_FILE_BYTES)
  @IsString()
  content: string;
}

/** At most MAX_MODEL_FILES files of distinct names (`minimum` files at least); checked in this order. */
const ModelFiles = (minimum: number) =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(minimum),
    ArrayMaxSize(MAX_MODEL_FILES),
    ArrayUnique((file: Partial<ModelFileDto> | null) => file?.name, { message: 'files must have distinct names' }),
    ValidateNested({ each: true }),
    Type(() => ModelFileDto),
    ApiProperty({ type: () => ModelFileDto, isArray: true, minItems: minimum, maxItems: MAX_MODEL_FILES }),
  );

export class CheckModelsDto {
  @ModelFiles(1)
  files: ModelFileDto[];
}

export class DraftDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_DRAFT_NAME_LENGTH, example: 'Podání záměru – nová lhůta', description: 'Unique among your drafts' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @Length(1, MAX_DRAFT_NAME_LENGTH)
  @IsString()
  name: string;

  @ModelFiles(0)
  files: ModelFileDto[];
}

const DraftVersion = () => applyDecorators(IsInt(), Min(1), Max(2_147_483_647));

export class ReplaceDraftDto extends DraftDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version this save replaces (as last read); another one answers 409 DRAFT_VERSION_STALE' })
  @DraftVersion()
  version: number;
}

export class DeployDraftDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Deploy only if the draft is still at this version (409 DRAFT_VERSION_STALE otherwise)' })
  @IsOptional()
  @DraftVersion()
  version?: number;
}

export class DraftIdParams {
  @IsUUID() @ApiProperty({ format: 'uuid' })
  id: string;
}

const ResourceVersion = () => applyDecorators(Type(() => Number), IsInt(), Min(1), Max(1_000_000), ApiProperty({ type: 'integer', example: 1 }));

export class FormVersionParams {
  @Matches(/^\S{1,255}$/) @ApiProperty({ example: 'orp-need-declaration' })
  formId: string;

  @ResourceVersion()
  version: number;
}

export class DecisionVersionParams {
  @Matches(PROCESS_ID) @ApiProperty({ example: 'cofinancing-rate-definitions', description: 'The decision requirements id (of the DMN definitions)' })
  decisionRequirementsId: string;

  @ResourceVersion()
  version: number;
}
