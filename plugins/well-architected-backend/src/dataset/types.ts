import {
  PillarId,
  ResponsibilityFlag,
} from 'backstage-plugin-well-architected-common';

/** A pillar as the dataset defines it. */
export interface DatasetPillar {
  id: PillarId;
  title: string;
  order: number;
}

/** A category as the dataset defines it. */
export interface DatasetCategory {
  id: string;
  pillarId: PillarId;
  title: string;
  order: number;
}

/** A canonical role as the curation defines it. */
export interface DatasetRole {
  id: string;
  title: string;
  aliases: string[];
}

/** One entry of the dataset, mapped to its canonical role. */
export interface DatasetResponsibility {
  id: string;
  roleId: string;
  pillarId: PillarId;
  categoryId: string;
  title: string;
  description: string;
  flags: ResponsibilityFlag[];
  order: number;
}

/** The whole role catalogue, ready to be stored. */
export interface Dataset {
  /** SHA-256 over the content; equal content gives an equal version. */
  version: string;
  pillars: DatasetPillar[];
  categories: DatasetCategory[];
  roles: DatasetRole[];
  responsibilities: DatasetResponsibility[];
}
