import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from './transformers.js';

export type DistrictTeamRole = 'member' | 'chair';

/** A member of a district team (okresní tým); the chair decides after the opinions. */
@Entity({ name: 'district_team_member' })
export class DistrictTeamMemberEntity {
  @PrimaryColumn({ name: 'district_id', type: 'text' })
  districtId: string;

  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'text' })
  role: DistrictTeamRole;
}

/** One round of the district team's opinions on an intention, with the scores they add up to. */
@Entity({ name: 'district_review' })
export class DistrictReviewEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'intention_id', type: 'bigint' })
  intentionId: string;

  @Column({ name: 'job_key', type: 'text' })
  jobKey: string;

  /** Mean of every criterion of every opinion; null without opinions. */
  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  score: number | null;

  @Column({ name: 'score_need', type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  scoreNeed: number | null;

  @Column({ name: 'score_availability', type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  scoreAvailability: number | null;

  @Column({ name: 'score_cost', type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  scoreCost: number | null;

  @Column({ name: 'score_quality', type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  scoreQuality: number | null;

  @Column({ name: 'score_interconnection', type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  scoreInterconnection: number | null;

  @CreateDateColumn({ name: 'summarized_at', type: 'timestamptz' })
  summarizedAt: Date;
}

/** One member's opinion (posudek): the five criteria scored 0–5 and a comment. */
@Entity({ name: 'district_opinion' })
export class DistrictOpinionEntity {
  @PrimaryColumn({ name: 'review_id', type: 'bigint' })
  reviewId: string;

  @PrimaryColumn({ type: 'text' })
  member: string;

  @Column({ type: 'smallint' })
  need: number;

  @Column({ type: 'smallint' })
  availability: number;

  @Column({ type: 'smallint' })
  cost: number;

  @Column({ type: 'smallint' })
  quality: number;

  @Column({ type: 'smallint' })
  interconnection: number;

  @Column({ type: 'text' })
  comment: string;
}
