import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class SignInDto {
  @IsString()
  @Length(1, 64)
  @ApiProperty({ example: 'orp.zidlochovice' })
  login: string;

  @IsString()
  @Length(1, 1024)
  @ApiProperty({ example: 'demo-heslo' })
  password: string;
}

export class RefreshDto {
  @IsString()
  @MaxLength(200)
  @ApiProperty({ description: 'The refresh token of the last sign-in or refresh; it is used up by this call' })
  refreshToken: string;
}
