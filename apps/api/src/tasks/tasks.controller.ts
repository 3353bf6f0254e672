import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/auth';
import { TaskDiagrams, TasksService } from '@app/inbox';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ParseIdPipe } from '../common/id.pipe.js';
import { AssignTaskDto, CommentDto, CompleteTaskDto, TaskSearchDto, toTaskSearch } from './task.dto.js';
import { ApiErrors } from '../common/openapi.js';
import { TaskCommentResponse, TaskCountsResponse, TaskDetailResponse, TaskDiagramResponse, TaskPageResponse, TaskResponse } from './task.responses.js';

@ApiTags('tasks')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly diagrams: TaskDiagrams,
  ) {}

  @Post('search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Moje úkoly: the tasks I see, filtered, sorted and keyset-paginated (searchAfter)' })
  @ApiOkResponse({ type: TaskPageResponse })
  @ApiErrors(400)
  search(@CurrentUser() user: Principal, @Body() body: TaskSearchDto) {
    return this.tasks.search(user, toTaskSearch(body));
  }

  @Get('counts')
  @ApiOperation({ summary: 'Badge counts: open, assigned to me, unassigned, overdue' })
  @ApiOkResponse({ type: TaskCountsResponse })
  counts(@CurrentUser() user: Principal) {
    return this.tasks.counts(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with its form and the variables the form reads' })
  @ApiOkResponse({ type: TaskDetailResponse })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.tasks.get(user, id);
  }

  @Get(':id/diagram')
  @ApiOperation({ summary: 'The BPMN diagram of the task’s process version and the task’s element, to show where the task stands' })
  @ApiOkResponse({ type: TaskDiagramResponse })
  @ApiErrors(400, 404)
  diagram(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.diagrams.diagram(user, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Převzít: become the assignee (409 when someone already has it)' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiErrors(400, 403, 404, 409)
  claim(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.tasks.claim(user, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Zrušit přiřazení: give the task back to its group' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiErrors(400, 403, 404, 409)
  unclaim(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.tasks.unclaim(user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign to a candidate (district chairs and ORP heads within their territory)' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  assign(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() body: AssignTaskDto) {
    return this.tasks.assign(user, id, body.assignee);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete with the form’s data (assignee only; 422 with field errors for data the form refuses)' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiErrors(400, 404, 409, 422)
  complete(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(user, id, body.variables ?? {});
  }

  @Get(':id/comments')
  @ApiOperation({ summary: 'Komentáře: the comments on a task, oldest first' })
  @ApiOkResponse({ type: TaskCommentResponse, isArray: true })
  @ApiErrors(400, 404)
  comments(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.tasks.comments(user, id);
  }

  @Post(':id/comments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a comment (Komentář) to a task' })
  @ApiCreatedResponse({ type: TaskCommentResponse })
  @ApiErrors(400, 404)
  addComment(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() body: CommentDto) {
    return this.tasks.addComment(user, id, body.body);
  }
}
