/**
 * Our MJCF model of the three-link swimmer of Gymnasium's Swimmer (after R. Coulom's thesis,
 * "Reinforcement Learning Using Neural Networks, with Applications to Motor Control", 2002).
 * Written from the published parameters: 10 ms time step with RK4; three capsules of length 1 m
 * and radius 0.1 m (density 1000 kg/m³) in a chain, the head spanning x in [0.5, 1.5] around the
 * root; the root moves freely in the plane (slides along x and y, rotation about z); two hinges
 * between the links limited to [-100°, 100°], each driven by a motor with gear 150 and controls
 * in [-1, 1]; joint armature 0.1. The medium: MuJoCo's fluid forces with density 4000 and
 * viscosity 0.1, which are what propel the swimmer. Nothing collides.
 * @module
 */
export const SWIMMER_XML = `
<mujoco model="modelgym_swimmer">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option timestep="0.01" integrator="RK4" density="4000" viscosity="0.1"/>
  <default>
    <joint armature="0.1"/>
    <geom type="capsule" size="0.1" density="1000" contype="0" conaffinity="0" condim="1"/>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="150"/>
  </default>
  <worldbody>
    <geom name="ground" type="plane" size="40 40 0.1" pos="0 0 -0.1"/>
    <body name="torso" pos="0 0 0">
      <joint name="slider1" type="slide" axis="1 0 0"/>
      <joint name="slider2" type="slide" axis="0 1 0"/>
      <joint name="free_body_rot" type="hinge" axis="0 0 1"/>
      <geom name="head" fromto="1.5 0 0 0.5 0 0"/>
      <body name="mid" pos="0.5 0 0">
        <joint name="motor1_rot" type="hinge" axis="0 0 1" limited="true" range="-100 100"/>
        <geom name="mid" fromto="0 0 0 -1 0 0"/>
        <body name="back" pos="-1 0 0">
          <joint name="motor2_rot" type="hinge" axis="0 0 1" limited="true" range="-100 100"/>
          <geom name="back" fromto="0 0 0 -1 0 0"/>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor name="motor1_rot" joint="motor1_rot"/>
    <motor name="motor2_rot" joint="motor2_rot"/>
  </actuator>
</mujoco>
`;
