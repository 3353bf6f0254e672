import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInteger } from '../common/openapi.js';

export class DraftFileSummaryResponse {
  @ApiProperty({ example: 'intention-submission.bpmn' })
  name: string;

  @ApiInteger({ description: 'Its size in bytes (UTF-8)' })
  bytes: number;
}

export class DraftFileResponse {
  @ApiProperty({ example: 'intention-submission.bpmn' })
  name: string;

  @ApiProperty({ description: 'The XML of a model or decision, the form-js JSON of a form' })
  content: string;
}

class DraftHeader {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiInteger({ minimum: 1, description: 'Counts the saves; a save (PUT) names the version it replaces' })
  version: number;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime()
  updatedAt: string;
}

/** A draft without the files' contents: what lists and saves answer. */
export class DraftSummaryResponse extends DraftHeader {
  @ApiProperty({ type: () => DraftFileSummaryResponse, isArray: true })
  files: DraftFileSummaryResponse[];
}

export class DraftResponse extends DraftHeader {
  @ApiProperty({ type: () => DraftFileResponse, isArray: true })
  files: DraftFileResponse[];
}
