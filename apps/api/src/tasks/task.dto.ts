import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TASK_SORT_FIELDS, TASK_STATES, type TaskSearch, type TaskSortField } from '@app/inbox';
import type { TaskState } from '@app/persistence';

const ID = /^[1-9]\d{0,18}$/;
const TERRITORY_ID = /^[a-z0-9-]{1,64}$/;

export class TaskSortDto {
  @IsIn(TASK_SORT_FIELDS) @ApiProperty({ enum: TASK_SORT_FIELDS })
  field: TaskSortField;

  @IsIn(['asc', 'desc']) @ApiProperty({ enum: ['asc', 'desc'] })
  order: 'asc' | 'desc';
}

/** `POST /tasks/search`, after Camunda Tasklist's task search. */
export class TaskSearchDto {
  @IsOptional() @IsIn(TASK_STATES) @ApiPropertyOptional({ enum: TASK_STATES })
  state?: TaskState;

  @IsOptional() @IsBoolean() @ApiPropertyOptional({ description: 'Moje úkoly: only tasks assigned to me' })
  assignedToMe?: boolean;

  @IsOptional() @IsBoolean() @ApiPropertyOptional({ description: 'Only tasks nobody has claimed' })
  unassigned?: boolean;

  @IsOptional() @IsString() @Matches(/^[a-z-]+:[a-z0-9:-]+$/) @MaxLength(200) @ApiPropertyOptional({ example: 'orp:zidlochovice' })
  candidateGroup?: string;

  @IsOptional() @IsString() @Length(1, 200) @ApiPropertyOptional({ example: 'orp-need-declaration' })
  bpmnProcessId?: string;

  @IsOptional() @Matches(/^\d{1,19}$/) @ApiPropertyOptional()
  processInstanceKey?: string;

  @IsOptional() @Matches(ID) @ApiPropertyOptional()
  intentionId?: string;

  @IsOptional() @Matches(TERRITORY_ID) @ApiPropertyOptional({ example: 'zidlochovice' })
  orpId?: string;

  @IsOptional() @Matches(TERRITORY_ID) @ApiPropertyOptional({ example: 'brno-venkov' })
  districtId?: string;

  @IsOptional() @IsISO8601({ strict: true }) @ApiPropertyOptional({ description: 'Termín from (inclusive)' })
  dueAfter?: string;

  @IsOptional() @IsISO8601({ strict: true }) @ApiPropertyOptional({ description: 'Termín before (exclusive)' })
  dueBefore?: string;

  @IsOptional() @IsISO8601({ strict: true }) @ApiPropertyOptional()
  followUpAfter?: string;

  @IsOptional() @IsISO8601({ strict: true }) @ApiPropertyOptional()
  followUpBefore?: string;

  @IsOptional() @ValidateNested() @Type(() => TaskSortDto) @ApiPropertyOptional({ type: TaskSortDto, description: 'Default: created, newest first' })
  sort?: TaskSortDto;

  @IsOptional() @IsInt() @Min(1) @Max(100) @ApiPropertyOptional({ default: 50 })
  pageSize?: number;

  @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @IsString({ each: true }) @ApiPropertyOptional({ type: [String], description: 'sortValues of the last task of the previous page' })
  searchAfter?: string[];
}

export function toTaskSearch(dto: TaskSearchDto): TaskSearch {
  const date = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
  return {
    state: dto.state,
    assignedToMe: dto.assignedToMe,
    unassigned: dto.unassigned,
    candidateGroup: dto.candidateGroup,
    bpmnProcessId: dto.bpmnProcessId,
    processInstanceKey: dto.processInstanceKey,
    intentionId: dto.intentionId,
    orpId: dto.orpId,
    districtId: dto.districtId,
    dueAfter: date(dto.dueAfter),
    dueBefore: date(dto.dueBefore),
    followUpAfter: date(dto.followUpAfter),
    followUpBefore: date(dto.followUpBefore),
    sort: dto.sort ?? { field: 'created', order: 'desc' },
    pageSize: dto.pageSize ?? 50,
    searchAfter: dto.searchAfter ? [dto.searchAfter[0], dto.searchAfter[1]] : undefined,
  };
}

export class AssignTaskDto {
  @IsString() @Length(1, 200) @ApiProperty({ example: 'okres.brno-venkov.clen1', description: 'Řešitel: the user id of one of the task’s candidates' })
  assignee: string;
}

export class CompleteTaskDto {
  @IsOptional() @IsObject() @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The form’s fields by key', example: { needDecision: 'refused', refusalReason: 'Záměr není v souladu s komunitním plánem.' } })
  variables?: Record<string, unknown>;
}

export class CommentDto {
  @IsString() @Length(1, 4000) @Matches(/\S/) @ApiProperty({ example: 'Čekáme na stanovisko obce.', description: 'Komentář' })
  body: string;
}
