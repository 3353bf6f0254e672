import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type UserSource = 'local' | 'oidc';

/** Someone who signs in: a local account (login, argon2id hash) or one provisioned from an OIDC token. */
@Entity({ name: 'user_account' })
export class UserAccountEntity {
  /** The login of a local account, the configured claim of an OIDC user; what Zeebe's assignee names. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', nullable: true })
  login: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** One of the roles of `@app/auth`. */
  @Column({ type: 'text' })
  role: string;

  /** `provider` (IČO), `orp`, `district` or `region`, with the id. */
  @Column({ name: 'territory_kind', type: 'text' })
  territoryKind: string;

  @Column({ name: 'territory_id', type: 'text' })
  territoryId: string;

  @Column({ type: 'text' })
  source: UserSource;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Counts changes of role, territory and `disabled`; an access token of another value is refused. */
  @Column({ name: 'authorization_version', type: 'integer', default: 0 })
  authorizationVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A refresh token, kept only as the SHA-256 of its secret; each use rotates it within its family. */
@Entity({ name: 'refresh_token' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  /** One sign-in: a reused (stolen) token revokes every token of its family. */
  @Column({ type: 'uuid' })
  family: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
