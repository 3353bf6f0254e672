import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aDeclaration, declareNeed, decideInRegion, reviewInDistrict, startProcesses, today, type ProcessHarness } from './support.js';

/**
 * The decisions after the ORP's declaration, through the real models and the inbox: the
 * district team does not recommend, the Assembly rejects, and the provider withdraws while
 * the district team is still scoring.
 */
describe('decisions of the district team and the region, and a withdrawal', () => {
  let harness: ProcessHarness;

  beforeAll(async () => {
    harness = await startProcesses();
  });
  afterAll(() => harness?.close());

  it('not recommended by the district team: the instance ends with the chair’s reason and the opinions kept', async () => {
    const { provider } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2028 });
    await declareNeed(harness, id);
    await reviewInDistrict(
      harness,
      id,
      [
        [2, 1, 1, 2, 1],
        [1, 2, 1, 1, 2],
      ],
      { chairDecision: 'not-recommend', chairReason: 'V okrese je kapacita pobytových služeb dostatečná.' },
    );
    const refused = await harness.waitForStatus(provider, id, 'not_recommended_by_district');
    expect(refused.statusReason).toBe('V okrese je kapacita pobytových služeb dostatečná.');
    expect(Number(refused.districtScore)).toBeCloseTo(1.4, 2);
    expect(refused.districtReviews).toEqual([expect.objectContaining({ opinions: expect.any(Array) })]);
    expect(refused.districtReviews[0].opinions).toHaveLength(2);
    expect(await harness.waitForEnd(processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endNotRecommended' });
  });

  it('rejected by the Assembly after the Council did not recommend it; a number of the wrong year is refused first', async () => {
    const { provider, councilSecretary } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2029 });
    await declareNeed(harness, id);
    await reviewInDistrict(harness, id, [
      [3, 3, 3, 3, 3],
      [4, 3, 3, 3, 3],
    ]);
    await harness.waitForStatus(provider, id, 'recommended_by_district');

    // The form's pattern accepts it, the worker does not: the year in the number is not the resolution's.
    const first = await harness.waitForTask(councilSecretary, { taskDefinitionId: 'councilResolution', intentionId: id });
    await harness.complete(councilSecretary, first, { councilDecision: 'does-not-recommend', councilResolutionNumber: '77/19/R3', councilResolutionDate: today() });
    const again = await harness.eventually(
      async () => (await harness.openTasks(councilSecretary, { taskDefinitionId: 'councilResolution', intentionId: id })).find((task) => task.id !== first.id),
      'the council task again',
    );
    const shown = (await harness.http(councilSecretary).get(`/tasks/${again.id}`).expect(200)).body;
    expect(shown.variables.resolutionRejection).toContain('neodpovídá datu');

    await decideInRegion(harness, id, { council: 'does-not-recommend', assembly: 'rejected' });
    const rejected = await harness.waitForStatus(provider, id, 'rejected_by_assembly');
    expect(rejected.history.map((event: { toStatus: string }) => event.toStatus)).toEqual(expect.arrayContaining(['not_recommended_by_council', 'rejected_by_assembly']));
    expect(await harness.waitForEnd(processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endRejected' });
    // After the Assembly's decision the provider can no longer withdraw it.
    expect((await harness.http(provider).post(`/intentions/${id}/withdraw`).send({ reason: 'Pozdě' }).expect(409)).body.error.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('the chair returns the intention to the ORP with a question; the ORP declares again and the team reviews again', async () => {
    const { provider, orpOfficial } = harness.cast;
    const { id } = await harness.submitIntention({ planYear: 2031 });
    await declareNeed(harness, id);
    const question = 'Jak obec zajistí dopravu klientů do zařízení?';
    await reviewInDistrict(
      harness,
      id,
      [
        [3, 3, 3, 3, 3],
        [3, 3, 3, 3, 3],
      ],
      { chairDecision: 'return-to-orp', chairQuestion: question, chairReason: 'Chybí informace o dopravní dostupnosti.' },
    );
    // The ORP's officials (and the provider) are told the question, and declare again with it shown.
    const again = await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id });
    expect((await harness.http(orpOfficial).get(`/tasks/${again.id}`).expect(200)).body.variables).toMatchObject({ districtQuestion: question });
    const { rows } = await harness.sql.query(
      `SELECT recipient_group AS "group", data->>'question' AS question FROM notification
       WHERE intention_id = $1 AND template = 'returned-to-orp' ORDER BY recipient_group`,
      [id],
    );
    expect(rows).toEqual([
      { group: 'orp:zidlochovice', question },
      { group: 'provider:70888337', question },
    ]);
    expect((await harness.http(provider).get(`/intentions/${id}`).expect(200)).body.status).toBe('in_district_review');

    await harness.complete(orpOfficial, again, aDeclaration(2_400_000));
    // The second round: the team scores again and recommends.
    await reviewInDistrict(harness, id, [
      [4, 4, 4, 4, 4],
      [5, 5, 5, 5, 5],
    ]);
    const recommended = await harness.waitForStatus(provider, id, 'recommended_by_district');
    expect(Number(recommended.districtScore)).toBeCloseTo(4.5, 2);
    expect(recommended.districtReviews).toHaveLength(2);
    expect(recommended.needDeclarations).toHaveLength(2);
  });

  it('a withdrawal during the district review ends the instance and cancels every open task of it', async () => {
    const { provider, districtMembers, districtChair } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2030 });
    await declareNeed(harness, id);
    // One member has given an opinion, the other has not yet.
    await harness.completeTask(districtMembers[0], { taskDefinitionId: 'giveOpinion', intentionId: id }, {
      scoreNeed: 4,
      scoreAvailability: 4,
      scoreCost: 3,
      scoreQuality: 4,
      scoreInterconnection: 3,
      opinionComment: 'Služba v území chybí, tým ji podporuje.',
    });
    const pending = await harness.waitForTask(districtMembers[1], { taskDefinitionId: 'giveOpinion', intentionId: id });

    const response = await harness.http(provider).post(`/intentions/${id}/withdraw`).send({ reason: 'Poskytovatel záměr odkládá o rok.' }).expect(202);
    expect(response.body.history.at(-1)).toMatchObject({ action: 'withdrawal-requested', actor: provider.id });
    const withdrawn = await harness.waitForStatus(provider, id, 'withdrawn');
    expect(withdrawn.statusReason).toBe('Poskytovatel záměr odkládá o rok.');
    expect(await harness.waitForEnd(processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endWithdrawn' });

    // The inbox shows the open task cancelled, and nobody has a task of the intention any more.
    await harness.eventually(async () => (await harness.http(districtMembers[1]).get(`/tasks/${pending.id}`).expect(200)).body.taskState === 'CANCELED', 'the member’s task to be cancelled');
    for (const user of [...districtMembers, districtChair]) expect(await harness.openTasks(user, { intentionId: id })).toEqual([]);
    const { rows } = await harness.sql.query(`SELECT state, count(*)::int AS n FROM task WHERE intention_id = $1 GROUP BY state ORDER BY state`, [id]);
    expect(rows).toEqual([
      { state: 'CANCELED', n: 1 },
      { state: 'COMPLETED', n: 2 },
    ]);
    // The called district review was terminated with its parent, not completed.
    const review = await harness.sql.query(
      `SELECT DISTINCT intent FROM engine.records WHERE value_type = 'PROCESS_INSTANCE' AND value->>'bpmnElementType' = 'PROCESS' AND value->>'bpmnProcessId' = 'district-review'
         AND value->>'parentProcessInstanceKey' = $1 AND intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')`,
      [processInstanceKey],
    );
    expect(review.rows).toEqual([{ intent: 'ELEMENT_TERMINATED' }]);
    // Withdrawing again changes nothing; it is final.
    await harness.http(provider).post(`/intentions/${id}/withdraw`).send({ reason: 'Znovu' }).expect(409);
  });
});
