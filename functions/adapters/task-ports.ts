import type { TaskDeps } from '../domain/coordinator-tasks.ts';
import { kommuneNews } from './consents-repository.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { tasksRepository } from './tasks-repository.ts';
import { volunteersNeedingAttention } from './volunteers-repository.ts';

export interface TaskPortsEnv {
  readonly TABLE_TASKS: string;
  readonly TABLE_CONSENTS: string;
  readonly TABLE_VOLUNTEERS: string;
}

/** The coordinators' task list: the tasks table and the two queues tasks are read from live. */
export const taskPorts = (env: TaskPortsEnv, db = dynamoDb()): TaskDeps => ({
  tasks: tasksRepository(db, env.TABLE_TASKS),
  sources: {
    waitingBefore: kommuneNews(db, env.TABLE_CONSENTS).waitingBefore,
    needingAttention: volunteersNeedingAttention(db, env.TABLE_VOLUNTEERS),
  },
  now: () => new Date(),
});
