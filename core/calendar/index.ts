export * from './errors';
export * from './london';
export * from './school-days';
export * from './working-days';
