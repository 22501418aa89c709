import { Module } from '@nestjs/common';
import { EntitiesModule } from '../entities/entities.module.js';
import { TopicsController } from './topics.controller.js';
import { TopicsRepository } from './topics.repository.js';
import { TopicsService } from './topics.service.js';

@Module({
  imports: [EntitiesModule],
  controllers: [TopicsController],
  providers: [TopicsRepository, TopicsService],
  exports: [TopicsService],
})
export class TopicsModule {}
