import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { capacityUnitFor, DomainError, DomainErrorCode, type IntentionContext, type ProvisionForm } from '@app/domain';
import { DistrictEntity, OrpEntity, RegionEntity, ServiceTypeEntity, TargetGroupEntity } from '@app/persistence';

export interface ServiceTypeView {
  paragraph: string;
  name: string;
  category: string;
  registryId: string;
  forms: { form: ProvisionForm; capacityUnit: string }[];
}

export interface TerritoryView {
  id: string;
  name: string;
  population2021: number;
  districts: { id: string; name: string; population2021: number; orps: { id: string; name: string; population2021: number }[] }[];
}

/** The catalogue of services and the territory, as data in the database. */
@Injectable()
export class CatalogService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(RegionEntity) private readonly regions: Repository<RegionEntity>,
    @InjectRepository(DistrictEntity) private readonly districts: Repository<DistrictEntity>,
    @InjectRepository(OrpEntity) private readonly orps: Repository<OrpEntity>,
    @InjectRepository(ServiceTypeEntity) private readonly serviceTypes: Repository<ServiceTypeEntity>,
    @InjectRepository(TargetGroupEntity) private readonly targetGroups: Repository<TargetGroupEntity>,
  ) {}

  async listServiceTypes(): Promise<ServiceTypeView[]> {
    const types = await this.serviceTypes.find({ order: { sortOrder: 'ASC' } });
    return types.map((type) => ({
      paragraph: type.paragraph,
      name: type.name,
      category: type.category,
      registryId: type.registryId,
      forms: type.forms.map((form) => ({ form, capacityUnit: capacityUnitFor(form) })),
    }));
  }

  async listTargetGroups(): Promise<{ code: string; name: string }[]> {
    const groups = await this.targetGroups.find({ order: { sortOrder: 'ASC' } });
    return groups.map(({ code, name }) => ({ code, name }));
  }

  /** The configured region with its districts and ORP, populations summed upwards. */
  async territory(): Promise<TerritoryView> {
    const region = await this.regions.findOneBy({ id: this.config.regionId });
    if (!region) throw new DomainError(DomainErrorCode.NotFound, `Region '${this.config.regionId}' is not in the catalogue`);
    // Czech alphabetical order (Š after S) whatever the database's collation.
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'cs');
    const districts = (await this.districts.findBy({ regionId: region.id })).sort(byName);
    const orps = (await this.orps.find()).sort(byName);
    const districtViews = districts.map((district) => {
      const own = orps.filter((orp) => orp.districtId === district.id).map(({ id, name, population2021 }) => ({ id, name, population2021 }));
      return { id: district.id, name: district.name, population2021: sum(own), orps: own };
    });
    return { id: region.id, name: region.name, population2021: sum(districtViews), districts: districtViews };
  }

  /** What the intention rules need to know, read fresh so that administrators' edits apply at once. */
  async intentionContext(today: Date): Promise<IntentionContext> {
    const [serviceTypes, targetGroups, orps] = await Promise.all([
      this.serviceTypes.find(),
      this.targetGroups.find(),
      this.orps
        .createQueryBuilder('orp')
        .innerJoin(DistrictEntity, 'district', 'district.id = orp.district_id')
        .select(['orp.id AS id', 'district.region_id AS "regionId"'])
        .getRawMany<{ id: string; regionId: string }>(),
    ]);
    return {
      regionId: this.config.regionId,
      serviceTypes,
      targetGroupCodes: targetGroups.map((group) => group.code),
      orps,
      today,
    };
  }
}

function sum(items: { population2021: number }[]): number {
  return items.reduce((total, item) => total + item.population2021, 0);
}
