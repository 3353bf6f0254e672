import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;
}

@Entity({ name: 'district' })
export class DistrictEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'region_id', type: 'text' })
  regionId: string;

  @Column({ type: 'text' })
  name: string;
}

@Entity({ name: 'orp' })
export class OrpEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'district_id', type: 'text' })
  districtId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'population_2021', type: 'integer' })
  population2021: number;
}
