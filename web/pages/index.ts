/** The page modules this folder holds (the base pages are added by createWeb). */
import type { PageModule } from '../app';
import { administrationPages } from './administration';
import { casePages } from './cases';
import { crisisPages } from './crisis';
import { dashboardPages } from './dashboard';
import { healthPages } from './health';
import { schoolPages } from './school';

export const corePages: PageModule[] = [
  casePages,
  healthPages,
  schoolPages,
  dashboardPages,
  administrationPages,
  crisisPages,
];
