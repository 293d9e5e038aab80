// The baseline for start-up: the smallest NestJS + Apollo code-first app, started the same
// way as the service: production's node flags, and Node's compile cache enabled first.
import '../../src/compile-cache';
import 'reflect-metadata';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';

@Resolver()
class HelloResolver {
  @Query(() => String)
  hello(): string {
    return 'world';
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
  ],
  providers: [HelloResolver],
})
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(MinimalModule, { logger: false });
  // As the service: SIGTERM closes the app and exits 0 (only then does Node write its compile cache).
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.stdout.write('ready\n');
}

void main();
