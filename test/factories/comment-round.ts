import { JMK_ORPS } from '@app/domain';

/**
 * The comment round of the medium-term plan (připomínkové řízení ke střednědobému plánu), as an
 * administrator models it with no code behind it: only job types and candidate groups the
 * product already serves. `docs/PROCESSES.md` ("Processes an administrator models") describes
 * what such a model may use; this one is the proof that it is enough.
 *
 * Shape (ids): start `start` (start form `comment-round-start`: `planPeriod`, optional
 * `onlyOrpIds`) → user task `uploadDraft` (regional officers, form `comment-round-draft`:
 * `draftTitle`, `draftLink`, `draftDescription`) → service task `listOrps`
 * (`territory.list-orps` → `orpIds`) → parallel multi-instance user task `commentDraft` over
 * `orpIds` as `orpId` (group `orp:<orpId>`, due in 14 days, form `comment-round-comment`:
 * `commentDecision`, `commentText`; an output mapping makes `orpComment`, collected into
 * `orpComments`) → user task `settleComments`
 * (regional officers, form `comment-round-settlement`: `settlementSummary`) → user task
 * `recordResolution` (the council secretary, form `comment-round-resolution`:
 * `resolutionDecision`, `resolutionNumber`, `resolutionDate`) → gateway `councilDecided` → end
 * `planApproved` or `planReturned`.
 */
export const COMMENT_ROUND_PROCESS_ID = 'midterm-plan-comment-round';

const SOCIAL_DEPT = 'region:jmk:social-dept';
const COUNCIL_SECRETARY = 'region:jmk:council-secretary';

export function aCommentRoundModel(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="comment-round-definitions" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${COMMENT_ROUND_PROCESS_ID}" name="Připomínkové řízení ke střednědobému plánu" isExecutable="true">
    <bpmn:startEvent id="start" name="Připomínkové řízení zahájeno">
      <bpmn:extensionElements><zeebe:formDefinition formId="comment-round-start" /></bpmn:extensionElements>
      <bpmn:outgoing>toUpload</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="toUpload" name="připravit návrh" sourceRef="start" targetRef="uploadDraft" />
    <bpmn:userTask id="uploadDraft" name="Vložit návrh střednědobého plánu">
      <bpmn:extensionElements>
        <zeebe:formDefinition formId="comment-round-draft" />
        <zeebe:assignmentDefinition candidateGroups="${SOCIAL_DEPT}" />
        <zeebe:taskSchedule dueDate="=string(now() + duration(&#34;P7D&#34;))" />
      </bpmn:extensionElements>
      <bpmn:incoming>toUpload</bpmn:incoming>
      <bpmn:outgoing>draftUploaded</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="draftUploaded" name="návrh vložen" sourceRef="uploadDraft" targetRef="listOrps" />
    <bpmn:serviceTask id="listOrps" name="Zjistit ORP kraje">
      <bpmn:extensionElements><zeebe:taskDefinition type="territory.list-orps" retries="3" /></bpmn:extensionElements>
      <bpmn:incoming>draftUploaded</bpmn:incoming>
      <bpmn:outgoing>orpsListed</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="orpsListed" name="rozeslat ORP" sourceRef="listOrps" targetRef="commentDraft" />
    <bpmn:userTask id="commentDraft" name="Připomínky ORP k návrhu plánu">
      <bpmn:extensionElements>
        <zeebe:formDefinition formId="comment-round-comment" />
        <zeebe:assignmentDefinition candidateGroups="=[&#34;orp:&#34; + orpId]" />
        <zeebe:taskSchedule dueDate="=string(now() + duration(&#34;P14D&#34;))" />
        <zeebe:ioMapping>
          <zeebe:output source="={orpId: orpId, decision: commentDecision, text: commentText}" target="orpComment" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:incoming>orpsListed</bpmn:incoming>
      <bpmn:outgoing>commentsGiven</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="=orpIds" inputElement="orpId" outputCollection="orpComments" outputElement="=orpComment" />
        </bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="commentsGiven" name="připomínky uplatněny" sourceRef="commentDraft" targetRef="settleComments" />
    <bpmn:userTask id="settleComments" name="Vypořádat připomínky">
      <bpmn:extensionElements>
        <zeebe:formDefinition formId="comment-round-settlement" />
        <zeebe:assignmentDefinition candidateGroups="${SOCIAL_DEPT}" />
        <zeebe:taskSchedule dueDate="=string(now() + duration(&#34;P14D&#34;))" />
      </bpmn:extensionElements>
      <bpmn:incoming>commentsGiven</bpmn:incoming>
      <bpmn:outgoing>commentsSettled</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="commentsSettled" name="připomínky vypořádány" sourceRef="settleComments" targetRef="recordResolution" />
    <bpmn:userTask id="recordResolution" name="Zaznamenat usnesení Rady kraje">
      <bpmn:extensionElements>
        <zeebe:formDefinition formId="comment-round-resolution" />
        <zeebe:assignmentDefinition candidateGroups="${COUNCIL_SECRETARY}" />
        <zeebe:taskSchedule dueDate="=string(now() + duration(&#34;P60D&#34;))" />
      </bpmn:extensionElements>
      <bpmn:incoming>commentsSettled</bpmn:incoming>
      <bpmn:outgoing>resolutionRecorded</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="resolutionRecorded" name="usnesení zaznamenáno" sourceRef="recordResolution" targetRef="councilDecided" />
    <bpmn:exclusiveGateway id="councilDecided" name="Rada kraje plán schválila?" default="returned">
      <bpmn:incoming>resolutionRecorded</bpmn:incoming>
      <bpmn:outgoing>approved</bpmn:outgoing>
      <bpmn:outgoing>returned</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="approved" name="schválila" sourceRef="councilDecided" targetRef="planApproved">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=resolutionDecision = "approved"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="returned" name="vrátila k přepracování" sourceRef="councilDecided" targetRef="planReturned" />
    <bpmn:endEvent id="planApproved" name="Plán schválen radou kraje"><bpmn:incoming>approved</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="planReturned" name="Plán vrácen k přepracování"><bpmn:incoming>returned</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="comment-round-diagram">
    <bpmndi:BPMNPlane id="comment-round-plane" bpmnElement="${COMMENT_ROUND_PROCESS_ID}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="112" y="142" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="88" y="185" width="85" height="27" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="uploadDraft_di" bpmnElement="uploadDraft"><dc:Bounds x="220" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="listOrps_di" bpmnElement="listOrps"><dc:Bounds x="390" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="commentDraft_di" bpmnElement="commentDraft"><dc:Bounds x="560" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="settleComments_di" bpmnElement="settleComments"><dc:Bounds x="750" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="recordResolution_di" bpmnElement="recordResolution"><dc:Bounds x="940" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="councilDecided_di" bpmnElement="councilDecided" isMarkerVisible="true"><dc:Bounds x="1115" y="135" width="50" height="50" /><bpmndi:BPMNLabel><dc:Bounds x="1097" y="98" width="86" height="27" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="planApproved_di" bpmnElement="planApproved"><dc:Bounds x="1252" y="142" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="1230" y="185" width="80" height="27" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="planReturned_di" bpmnElement="planReturned"><dc:Bounds x="1252" y="262" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="1230" y="305" width="80" height="27" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="toUpload_di" bpmnElement="toUpload"><di:waypoint x="148" y="160" /><di:waypoint x="220" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="draftUploaded_di" bpmnElement="draftUploaded"><di:waypoint x="320" y="160" /><di:waypoint x="390" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="orpsListed_di" bpmnElement="orpsListed"><di:waypoint x="490" y="160" /><di:waypoint x="560" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="commentsGiven_di" bpmnElement="commentsGiven"><di:waypoint x="660" y="160" /><di:waypoint x="750" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="commentsSettled_di" bpmnElement="commentsSettled"><di:waypoint x="850" y="160" /><di:waypoint x="940" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="resolutionRecorded_di" bpmnElement="resolutionRecorded"><di:waypoint x="1040" y="160" /><di:waypoint x="1115" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="approved_di" bpmnElement="approved"><di:waypoint x="1165" y="160" /><di:waypoint x="1252" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="returned_di" bpmnElement="returned"><di:waypoint x="1140" y="185" /><di:waypoint x="1140" y="280" /><di:waypoint x="1252" y="280" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

function aForm(id: string, components: Record<string, unknown>[]): string {
  return JSON.stringify({ id, type: 'default', executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.8.0', schemaVersion: 18, components }, null, 2);
}

/** The forms of the comment round, by file name as the administrator uploads them. */
export function commentRoundForms(): Record<string, string> {
  return {
    'comment-round-start.form': aForm('comment-round-start', [
      { type: 'text', id: 'Text_start', text: '## Připomínkové řízení ke střednědobému plánu' },
      { type: 'textfield', id: 'Field_planPeriod', key: 'planPeriod', label: 'Období plánu', description: 'např. 2026–2028', validate: { required: true, pattern: '^\\d{4}[–-]\\d{4}$' } },
      {
        type: 'checklist',
        id: 'Field_onlyOrpIds',
        key: 'onlyOrpIds',
        label: 'Připomínková místa (nic nevybráno: všechna ORP kraje)',
        values: JMK_ORPS.map((orp) => ({ label: orp.name, value: orp.id })),
      },
    ]),
    'comment-round-draft.form': aForm('comment-round-draft', [
      { type: 'text', id: 'Text_draft', text: '## Návrh střednědobého plánu {{planPeriod}}' },
      { type: 'textfield', id: 'Field_draftTitle', key: 'draftTitle', label: 'Název návrhu', validate: { required: true, maxLength: 300 } },
      { type: 'textfield', id: 'Field_draftLink', key: 'draftLink', label: 'Odkaz na návrh', validate: { required: true, maxLength: 500, pattern: '^https?://\\S+$' } },
      { type: 'textarea', id: 'Field_draftDescription', key: 'draftDescription', label: 'Popis návrhu a co se mění', validate: { maxLength: 4000 } },
    ]),
    'comment-round-comment.form': aForm('comment-round-comment', [
      { type: 'text', id: 'Text_comment', text: '## Připomínky ORP k návrhu\n**{{draftTitle}}** ({{planPeriod}}): {{draftLink}}\n\n{{draftDescription}}' },
      {
        type: 'radio',
        id: 'Field_commentDecision',
        key: 'commentDecision',
        label: 'Stanovisko ORP',
        values: [
          { label: 'Bez připomínek', value: 'no-comments' },
          { label: 'Uplatňujeme připomínky', value: 'comments' },
        ],
        validate: { required: true },
      },
      { type: 'textarea', id: 'Field_commentText', key: 'commentText', label: 'Připomínky', validate: { required: true, minLength: 10, maxLength: 4000 }, conditional: { hide: '=commentDecision != "comments"' } },
    ]),
    'comment-round-settlement.form': aForm('comment-round-settlement', [
      { type: 'text', id: 'Text_settlement', text: '## Vypořádání připomínek k návrhu {{draftTitle}}\n\n{{#loop orpComments}}\n- ORP {{orpId}}: {{decision}} {{text}}\n{{/loop}}' },
      { type: 'textarea', id: 'Field_settlementSummary', key: 'settlementSummary', label: 'Vypořádání připomínek', validate: { required: true, minLength: 10, maxLength: 4000 } },
      { type: 'textfield', id: 'Field_settledDraftLink', key: 'settledDraftLink', label: 'Odkaz na upravený návrh', validate: { maxLength: 500, pattern: '^https?://\\S+$' } },
    ]),
    'comment-round-resolution.form': aForm('comment-round-resolution', [
      { type: 'text', id: 'Text_resolution', text: '## Usnesení Rady kraje k návrhu {{draftTitle}}\n\n{{settlementSummary}}' },
      {
        type: 'radio',
        id: 'Field_resolutionDecision',
        key: 'resolutionDecision',
        label: 'Rada kraje',
        values: [
          { label: 'Schvaluje návrh plánu', value: 'approved' },
          { label: 'Vrací návrh k přepracování', value: 'returned' },
        ],
        validate: { required: true },
      },
      { type: 'textfield', id: 'Field_resolutionNumber', key: 'resolutionNumber', label: 'Číslo usnesení', description: 'např. 1234/26/R45', validate: { required: true, pattern: '^\\d{1,5}/\\d{2}/R\\d{1,3}$' } },
      { type: 'datetime', id: 'Field_resolutionDate', key: 'resolutionDate', label: 'Datum usnesení', subtype: 'date', dateLabel: 'Datum usnesení', validate: { required: true } },
    ]),
  };
}
