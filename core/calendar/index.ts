export * from './errors';
export * from './london';
export * from './working-days';
export * from './school-days';
