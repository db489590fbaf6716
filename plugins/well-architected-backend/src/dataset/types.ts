import {
  Category,
  Pillar,
  Responsibility,
} from 'backstage-plugin-well-architected-common';

/** A pillar as the dataset defines it. */
export type DatasetPillar = Pick<Pillar, 'id' | 'title' | 'order'>;

/** A category as the dataset defines it. */
export type DatasetCategory = Omit<Category, 'roleCount'>;

/** A canonical role as the curation defines it. */
export interface DatasetRole {
  id: string;
  title: string;
  aliases: string[];
}

/** One entry of the dataset, mapped to its canonical role. */
export interface DatasetResponsibility extends Responsibility {
  /** Position inside the category, from 1. */
  order: number;
}

/** The whole role dataset, ready to be stored. */
export interface Dataset {
  /** SHA-256 over the content; equal content gives an equal version. */
  version: string;
  /**
   * The order of the datasets the plugin ships (`revision` in roles.yaml): a later dataset has a
   * higher one.
   */
  revision: number;
  pillars: DatasetPillar[];
  categories: DatasetCategory[];
  roles: DatasetRole[];
  responsibilities: DatasetResponsibility[];
}
