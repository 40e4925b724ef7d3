/** The page modules this folder holds (the base pages are added by createWeb). */
import { administrationPages } from './administration';
import { auditPages } from './audit';
import { boardPages } from './board';
import { casePages } from './case';
import { crisisPages } from './crisis';
import { dashboardPages } from './dashboard';
import { healthPages } from './health';
import type { PageModule } from './page';
import { schoolPages } from './school';
import { startPages } from './start';
import { yourCasesPages } from './your-cases';

export const corePages: PageModule[] = [
  startPages,
  yourCasesPages,
  casePages,
  healthPages,
  schoolPages,
  dashboardPages,
  boardPages,
  administrationPages,
  auditPages,
  crisisPages,
];
