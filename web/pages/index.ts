/** The page modules this folder holds (the base pages are added by createWeb). */
import type { PageModule } from '../app';
import { casePages } from './cases';
import { healthPages } from './health';
import { schoolPages } from './school';
import { dashboardPages } from './dashboard';
import { administrationPages } from './administration';
import { crisisPages } from './crisis';

export const corePages: PageModule[] = [
  casePages,
  healthPages,
  schoolPages,
  dashboardPages,
  administrationPages,
  crisisPages,
];
